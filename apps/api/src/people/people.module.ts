import { Module } from '@nestjs/common';
import { SignInEmailChangeRequestsRepository } from '../dsar/shared/sign-in-email-change-requests.repository';
import { PeopleController } from './people.controller';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';
import { SignInEmailChanges } from './sign-in-email-changes.service';

/**
 * Person records (contact data). PasswordProof comes from the auth module, which is global and
 * itself needs accounts (users → people), so it is not imported here.
 */
@Module({
  controllers: [PeopleController],
  providers: [PeopleService, PeopleRepository, SignInEmailChanges, SignInEmailChangeRequestsRepository],
  exports: [PeopleService, PeopleRepository],
})
export class PeopleModule {}
