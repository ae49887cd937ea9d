import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { CSRF_COOKIE, SESSION_COOKIE } from '@hushdesk/contracts';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { csrfTokenFor } from '../common/http/csrf';
import type { Tx } from '../database/tx';
import { AppConfig } from '../config/app-config';
import { TicketEvents } from '../realtime/ticket-events.service';
import { SessionsRepository, type SessionRow } from './sessions.repository';

interface AccessClaims {
  sub: string;
  sid: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest();

/**
 * Sessions: a random token in an httpOnly cookie (stored as SHA-256), plus short-lived HS256 access
 * tokens that name the session. Every request checks the session row, so revoking it takes effect
 * at once, and a role change or a disabled account applies on the next request.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly events: TicketEvents,
  ) {}

  async start(userId: string): Promise<{ sessionId: string; cookieToken: string }> {
    const cookieToken = randomBytes(32).toString('base64url');
    const sessionId = await this.sessions.start(
      userId,
      sha256(cookieToken),
      this.config.sessionIdleMinutes,
      this.config.sessionMaxHours,
    );
    return { sessionId, cookieToken };
  }

  issueAccessToken(userId: string, sessionId: string): string {
    return this.jwt.sign({ sub: userId, sid: sessionId } satisfies AccessClaims);
  }

  /** The caller behind a Bearer token or the session cookie, or null. Bearer wins when both are sent. */
  authenticate(request: FastifyRequest): Promise<Actor | null> {
    return this.authenticateCredentials(request.headers.authorization, request.cookies?.[SESSION_COOKIE]);
  }

  /** Shared by HTTP and the socket handshake: an Authorization header value or the cookie's token. */
  async authenticateCredentials(
    header: string | undefined,
    cookie: string | undefined,
  ): Promise<Actor | null> {
    if (header) {
      const [scheme, token] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) return null;
      const claims = this.verifyAccessToken(token);
      return claims ? this.lookupById(claims.sid, claims.sub) : null;
    }
    return cookie ? this.lookupByCookie(cookie) : null;
  }

  async lookupByCookie(cookieToken: string): Promise<Actor | null> {
    return this.actorOf(await this.sessions.liveByTokenHash(sha256(cookieToken)));
  }

  /** Ends one session (signing out): its sockets close at once, on every instance. */
  async revoke(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.events.disconnectSessions([sessionId]);
  }

  /**
   * Ends every session of an account, inside the caller's transaction; the caller closes their
   * sockets (`TicketEvents.disconnectUsers`) after it commits, and the periodic socket check
   * catches any it does not.
   */
  async revokeAllForUser(userId: string, tx?: Tx): Promise<void> {
    await this.sessions.revokeAllForUser(userId, tx);
  }

  /** The httpOnly session cookie, and beside it the readable CSRF cookie the web app echoes. */
  setCookie(reply: FastifyReply, cookieToken: string): void {
    const options = {
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: this.config.sessionMaxHours * 3600,
    } as const;
    void reply.setCookie(SESSION_COOKIE, cookieToken, { ...options, httpOnly: true });
    void reply.setCookie(CSRF_COOKIE, csrfTokenFor(this.config.jwtSecret, cookieToken), {
      ...options,
      httpOnly: false,
    });
  }

  clearCookie(reply: FastifyReply): void {
    const options = { sameSite: 'strict', secure: this.config.cookieSecure, path: '/' } as const;
    void reply.clearCookie(SESSION_COOKIE, { ...options, httpOnly: true });
    void reply.clearCookie(CSRF_COOKIE, { ...options, httpOnly: false });
  }

  private verifyAccessToken(token: string): AccessClaims | null {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, { algorithms: ['HS256'] });
      return typeof claims.sid === 'string' && typeof claims.sub === 'string' ? claims : null;
    } catch {
      return null;
    }
  }

  private async lookupById(sessionId: string, expectedUserId: string): Promise<Actor | null> {
    if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
    const row = await this.sessions.liveById(sessionId);
    return row && row.user_id === expectedUserId ? this.actorOf(row) : null;
  }

  private async actorOf(row: SessionRow | undefined): Promise<Actor | null> {
    if (!row) return null;
    if (row.stale) await this.sessions.touch(row.session_id, this.config.sessionIdleMinutes);
    return {
      userId: row.user_id,
      personId: row.person_id,
      role: row.role,
      organisationId: row.organisation_id,
      sessionId: row.session_id,
      ...(row.password_change_required ? { mustChangePassword: true } : {}),
    };
  }
}
