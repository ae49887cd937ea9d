import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ControllerIdentityController } from './controller-identity.controller';
import { ControllerIdentityRepository } from './controller-identity.repository';
import { ControllerIdentityService } from './controller-identity.service';

/** Install-wide settings: the RoPA, the privacy notice and DSAR packages all name the controller. */
@Module({
  imports: [AuditModule],
  controllers: [ControllerIdentityController],
  providers: [ControllerIdentityService, ControllerIdentityRepository],
  exports: [ControllerIdentityService],
})
export class SettingsModule {}
