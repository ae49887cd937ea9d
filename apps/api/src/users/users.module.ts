import { Module } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher.service';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { EngineersController } from './engineers.controller';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [OrganisationsModule, PeopleModule],
  controllers: [UsersController, EngineersController],
  providers: [UsersService, UsersRepository, PasswordHasher],
  exports: [UsersService, UsersRepository, PasswordHasher],
})
export class UsersModule {}
