import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { TicketEvents } from '../realtime/ticket-events';
import { UsersService } from '../users/users.service';
import type { LoginResponseDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle.service';
import { PASSWORD_MESSAGES } from '../common/validation/password-messages';
import { PasswordHasher } from './password-hasher';
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
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly events: TicketEvents,
  ) {}

  /**
   * Unknown email, disabled account and wrong password all answer the same 401 after the same
   * argon2 work, so the response reveals nothing about which accounts exist.
   */
  async login(
    email: string,
    password: string,
    ip: string,
  ): Promise<{ response: LoginResponseDto; cookieToken: string }> {
    const keys = this.throttle.keysFor(email, ip);
    await this.throttle.assertAllowed(keys);
    const credentials = await this.users.findCredentials(email);
    const ok = await this.passwords.verify(credentials?.passwordHash, password);
    if (!credentials || !ok) {
      await this.throttle.recordFailure(keys);
      throw new DomainError(DomainErrorCode.Unauthenticated, BAD_CREDENTIALS);
    }
    await this.throttle.clearAccount(keys);
    const { sessionId, cookieToken } = await this.sessions.start(credentials.userId);
    await this.users.recordLogin(credentials.userId);
    return { response: await this.tokenFor(credentials.userId, sessionId), cookieToken };
  }

  /**
   * A new password, after the current one is proved. Every session of the account is revoked in
   * the same transaction as the new hash (a stolen cookie or token dies with the old password),
   * and its live sockets are closed; the caller continues on a new session. Wrong current
   * passwords count towards the sign-in limit, so a borrowed session cannot guess at leisure.
   */
  async changePassword(
    userId: string,
    currentPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<{ response: LoginResponseDto; cookieToken: string }> {
    const owner = await this.users.authUser(userId);
    const keys = this.throttle.keysFor(owner.email, ip);
    await this.throttle.assertAllowed(keys);
    const hash = await this.users.passwordHashOf(userId);
    if (!hash || !(await this.passwords.verify(hash, currentPassword))) {
      await this.throttle.recordFailure(keys);
      throw DomainError.invalidField('currentPassword', PASSWORD_MESSAGES.notCurrent);
    }
    if (await this.passwords.verify(hash, newPassword)) {
      throw DomainError.invalidField('newPassword', PASSWORD_MESSAGES.unchanged);
    }
    assertPasswordFor('newPassword', newPassword, owner, 'self');
    const newHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
        userId,
        newHash,
      ]);
      await this.sessions.revokeAllForUser(userId, manager);
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
