import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { CSRF_COOKIE, SESSION_COOKIE } from '@hushdesk/contracts';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@hushdesk/contracts';
import type { Actor } from '../common/auth/actor';
import { csrfTokenFor } from '../common/http/csrf';
import { preparedQuery } from '../database/prepared-query';
import { AppConfig } from '../config/app-config';
import { TicketEvents } from '../realtime/ticket-events';

interface AccessClaims {
  sub: string;
  sid: string;
}

interface SessionRow {
  session_id: string;
  user_id: string;
  person_id: string;
  role: Role;
  organisation_id: string | null;
  stale: boolean;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest();

/** Only the session's fields and the account's access facts: no contact data on this hot path. */
const SESSION_LOOKUP = `
  SELECT s.id AS session_id, u.id AS user_id, u.person_id, u.role, u.organisation_id,
         s.last_seen_at < now() - interval '60 seconds' AS stale
    FROM sessions s
    JOIN users u ON u.id = s.user_id
   WHERE s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`;

/**
 * Sessions: a random token in an httpOnly cookie (stored as SHA-256), plus short-lived HS256 access
 * tokens that name the session. Every request checks the session row, so revoking it takes effect
 * at once, and a role change or a disabled account applies on the next request.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly events: TicketEvents,
  ) {}

  async start(userId: string): Promise<{ sessionId: string; cookieToken: string }> {
    const cookieToken = randomBytes(32).toString('base64url');
    const [row] = await this.dataSource.query(
      `INSERT INTO sessions (user_id, token_hash, last_seen_at, expires_at, absolute_expires_at)
       VALUES ($1, $2, now(), LEAST(now() + make_interval(mins => $3), now() + make_interval(hours => $4)),
               now() + make_interval(hours => $4))
       RETURNING id`,
      [userId, sha256(cookieToken), this.config.sessionIdleMinutes, this.config.sessionMaxHours],
    );
    return { sessionId: row.id, cookieToken };
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
      return claims ? this.lookup('s.id = $1', claims.sid, claims.sub) : null;
    }
    return cookie ? this.lookupByCookie(cookie) : null;
  }

  lookupByCookie(cookieToken: string): Promise<Actor | null> {
    return this.lookup('s.token_hash = $1', sha256(cookieToken));
  }

  /** Ends one session (signing out): its sockets close at once, on every instance. */
  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [sessionId],
    );
    this.events.disconnectSessions([sessionId]);
  }

  /**
   * Ends every session of an account, inside the caller's transaction; the caller closes their
   * sockets (`TicketEvents.disconnectUsers`) after it commits, and the periodic socket check
   * catches any it does not.
   */
  async revokeAllForUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
      userId,
    ]);
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

  private async lookup(where: string, key: string | Buffer, expectedUserId?: string): Promise<Actor | null> {
    if (typeof key === 'string' && !/^[0-9a-f-]{36}$/i.test(key)) return null;
    // Every request runs it: prepared, so it is planned once per connection.
    const rows = await preparedQuery<SessionRow>(this.dataSource, `${SESSION_LOOKUP} AND ${where}`, [key]);
    const row = rows[0];
    if (!row || (expectedUserId && row.user_id !== expectedUserId)) return null;
    if (row.stale) await this.touch(row.session_id);
    return {
      userId: row.user_id,
      personId: row.person_id,
      role: row.role,
      organisationId: row.organisation_id,
      sessionId: row.session_id,
    };
  }

  /** Slides the idle expiry, at most once a minute per session to keep reads cheap. */
  private async touch(sessionId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sessions
          SET last_seen_at = now(),
              expires_at = LEAST(now() + make_interval(mins => $2), absolute_expires_at)
        WHERE id = $1`,
      [sessionId, this.config.sessionIdleMinutes],
    );
  }
}
