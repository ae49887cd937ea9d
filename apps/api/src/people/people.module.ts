import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DsarSharedModule } from '../dsar/shared/dsar-shared.module';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { PeopleController } from './people.controller';
import { PeopleDataModule } from './people-data.module';
import { PeopleService } from './people.service';
import { SignInEmailChanges } from './sign-in-email-changes.service';

/**
 * Person records (contact data). The people table's repositories are in PeopleDataModule, which
 * audit, privacy and users import without needing this module (and through it, auth).
 */
@Module({
  imports: [PeopleDataModule, PrivacyCoreModule, AuditModule, AuthModule, DsarSharedModule],
  controllers: [PeopleController],
  providers: [PeopleService, SignInEmailChanges],
  exports: [PeopleService, PeopleDataModule],
})
export class PeopleModule {}
