import { Module } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { EngineersController } from './engineers.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, EngineersController],
  providers: [UsersService, PasswordHasher],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
