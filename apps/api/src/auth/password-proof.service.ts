import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors/domain-error';
import { PASSWORD_MESSAGES } from '../common/validation/password-messages';
import { UsersService } from '../users/users.service';
import { KnownDevices } from './known-devices.service';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher.service';

/**
 * A signed-in person proving their current password before a sensitive change (a new password, a
 * new sign-in email). Wrong answers count towards the sign-in limits like failed sign-ins, so a
 * borrowed session cannot guess at leisure.
 */
@Injectable()
export class PasswordProof {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly devices: KnownDevices,
  ) {}

  /** Resolves with the account's current hash; 400 naming `field` when wrong, 429 when slowed. */
  async prove(
    userId: string,
    password: string,
    request: FastifyRequest,
    field = 'currentPassword',
  ): Promise<string> {
    const { email } = await this.users.authUser(userId);
    const keys = this.throttle.keysFor(email, request.ip);
    const attempt = await this.throttle.begin(keys, this.devices.isKnown(request, keys.account));
    const hash = await this.users.passwordHashOf(userId);
    if (!hash || !(await this.passwords.verify(hash, password))) {
      throw DomainError.invalidField(field, PASSWORD_MESSAGES.notCurrent);
    }
    await this.throttle.succeeded(attempt);
    return hash;
  }
}
