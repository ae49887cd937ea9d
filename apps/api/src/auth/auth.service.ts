import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { TicketEvents } from '../realtime/ticket-events.service';
import { Transactions } from '../database/transactions';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import type { LoginResponseDto } from './dto/login.dto';
import { KnownDevices } from './known-devices.service';
import { LoginThrottle } from './login-throttle.service';
import { PASSWORD_MESSAGES } from '../common/validation/password-messages';
import { PasswordHasher } from './password-hasher.service';
import { PasswordProof } from './password-proof.service';
import { assertPasswordFor } from './password-policy';
import { SessionService } from './session.service';

const BAD_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly devices: KnownDevices,
    private readonly proof: PasswordProof,
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly accounts: UsersRepository,
    private readonly events: TicketEvents,
  ) {}

  /**
   * Unknown email, disabled account and wrong password all answer the same 401 after the same
   * argon2 work, so the response reveals nothing about which accounts exist. Returns the account's
   * sign-in key too, so the controller can mark this browser as known to the account.
   */
  async login(
    email: string,
    password: string,
    request: FastifyRequest,
  ): Promise<{ response: LoginResponseDto; cookieToken: string; account: Buffer }> {
    const keys = this.throttle.keysFor(email, request.ip);
    const attempt = await this.throttle.begin(keys, this.devices.isKnown(request, keys.account));
    const credentials = await this.users.findCredentials(email);
    const ok = await this.passwords.verify(credentials?.passwordHash, password);
    if (!credentials || !ok) throw new DomainError(DomainErrorCode.Unauthenticated, BAD_CREDENTIALS);
    await this.throttle.succeeded(attempt);
    const { sessionId, cookieToken } = await this.sessions.start(credentials.userId);
    await this.users.recordLogin(credentials.userId);
    return {
      response: await this.tokenFor(credentials.userId, sessionId),
      cookieToken,
      account: keys.account,
    };
  }

  /**
   * A new password, after the current one is proved. Every session of the account is revoked in
   * the same transaction as the new hash (a stolen cookie or token dies with the old password),
   * and its live sockets are closed; the caller continues on a new session.
   */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
    request: FastifyRequest,
  ): Promise<{ response: LoginResponseDto; cookieToken: string }> {
    const hash = await this.proof.prove(userId, currentPassword, request);
    if (await this.passwords.verify(hash, newPassword)) {
      throw DomainError.invalidField('newPassword', PASSWORD_MESSAGES.unchanged);
    }
    assertPasswordFor('newPassword', newPassword, await this.users.authUser(userId), 'self');
    const newHash = await this.passwords.hash(newPassword);
    await this.transactions.run(async (tx) => {
      await this.accounts.setPasswordHash(tx, userId, newHash);
      await this.sessions.revokeAllForUser(userId, tx);
    });
    this.events.disconnectUsers([userId]);
    const { sessionId, cookieToken } = await this.sessions.start(userId);
    return { response: await this.tokenFor(userId, sessionId), cookieToken };
  }

  /** A fresh access token for the session behind the cookie. */
  async refresh(cookieToken: string | undefined): Promise<LoginResponseDto> {
    const actor = cookieToken ? await this.sessions.lookupByCookie(cookieToken) : null;
    if (!actor)
      throw new DomainError(DomainErrorCode.Unauthenticated, 'Your session has ended; sign in again');
    return this.tokenFor(actor.userId, actor.sessionId);
  }

  private async tokenFor(userId: string, sessionId: string): Promise<LoginResponseDto> {
    return {
      accessToken: this.sessions.issueAccessToken(userId, sessionId),
      expiresIn: this.config.accessTokenTtlSeconds,
      user: await this.users.authUser(userId),
    };
  }
}
