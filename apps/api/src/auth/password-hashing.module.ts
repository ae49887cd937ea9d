import { Module } from '@nestjs/common';
import { PasswordHasher } from './password-hasher.service';

/**
 * The password hasher alone: users set passwords and auth checks them, while auth needs users,
 * so the hasher is its own module rather than auth's export.
 */
@Module({ providers: [PasswordHasher], exports: [PasswordHasher] })
export class PasswordHashingModule {}
