import { Module } from '@nestjs/common';
import { PasswordHashingModule } from '../auth/password-hashing.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleDataModule } from '../people/people-data.module';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { EngineersController } from './engineers.controller';
import { FormerCustomerRepository } from './former-customer.repository';
import { UserDsarRepository } from './user-dsar.repository';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [OrganisationsModule, PeopleDataModule, PrivacyCoreModule, PasswordHashingModule],
  controllers: [UsersController, EngineersController],
  providers: [UsersService, UsersRepository, UserDsarRepository, FormerCustomerRepository],
  exports: [UsersService, UsersRepository, UserDsarRepository, FormerCustomerRepository],
})
export class UsersModule {}
