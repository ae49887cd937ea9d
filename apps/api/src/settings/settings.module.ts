import { Global, Module } from '@nestjs/common';
import { ControllerIdentityController } from './controller-identity.controller';
import { ControllerIdentityRepository } from './controller-identity.repository';
import { ControllerIdentityService } from './controller-identity.service';

/** Install-wide settings. Global: the RoPA, the privacy notice and DSAR packages all name the controller. */
@Global()
@Module({
  controllers: [ControllerIdentityController],
  providers: [ControllerIdentityService, ControllerIdentityRepository],
  exports: [ControllerIdentityService],
})
export class SettingsModule {}
