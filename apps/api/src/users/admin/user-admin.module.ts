import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { AuthModule } from '../../auth/auth.module';
import { PasswordHashingModule } from '../../auth/password-hashing.module';
import { OrganisationsModule } from '../../organisations/organisations.module';
import { RealtimeModule } from '../../realtime/realtime.module';
import { UsersModule } from '../users.module';
import { UserAdminController } from './user-admin.controller';
import { UserAdminService } from './user-admin.service';

/** Admins' changes to accounts: apart from UsersModule, which auth itself needs. */
@Module({
  imports: [UsersModule, AuthModule, AuditModule, OrganisationsModule, RealtimeModule, PasswordHashingModule],
  controllers: [UserAdminController],
  providers: [UserAdminService],
})
export class UserAdminModule {}
