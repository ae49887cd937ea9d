import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** A live session with its account's access facts; `stale` when its idle expiry should slide. */
export interface SessionRow {
  session_id: string;
  user_id: string;
  person_id: string;
  role: Role;
  organisation_id: string | null;
  password_change_required: boolean;
  stale: boolean;
}

/** A session that may still hear anything, with its account's access facts now. */
export interface LiveSession {
  id: string;
  user_id: string;
  role: Role;
  organisation_id: string | null;
}

/** Only the session's fields and the account's access facts: no contact data on this hot path. */
const SESSION_LOOKUP = `
  SELECT s.id AS session_id, u.id AS user_id, u.person_id, u.role, u.organisation_id,
         u.password_change_required, s.last_seen_at < now() - interval '60 seconds' AS stale
    FROM sessions s
    JOIN users u ON u.id = s.user_id
   WHERE s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`;

/** The sessions among these that may still hear anything, with their account's access facts now. */
const LIVE_SESSIONS = `
  SELECT s.id, s.user_id, u.role, u.organisation_id
    FROM sessions s
    JOIN users u ON u.id = s.user_id
   WHERE s.id = ANY($1::uuid[]) AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`;

/** Every statement on `sessions`. Tokens arrive here already hashed. */
@Injectable()
export class SessionsRepository extends SqlRepository {
  async start(userId: string, tokenHash: Buffer, idleMinutes: number, maxHours: number): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO sessions (user_id, token_hash, last_seen_at, expires_at, absolute_expires_at)
       VALUES ($1, $2, now(), LEAST(now() + make_interval(mins => $3), now() + make_interval(hours => $4)),
               now() + make_interval(hours => $4))
       RETURNING id`,
      [userId, tokenHash, idleMinutes, maxHours],
    );
    return row.id;
  }

  /** Every request runs it: prepared, so it is planned once per connection. */
  async liveById(sessionId: string): Promise<SessionRow | undefined> {
    const rows = await this.prepared<SessionRow>(`${SESSION_LOOKUP} AND s.id = $1`, [sessionId]);
    return rows[0];
  }

  async liveByTokenHash(tokenHash: Buffer): Promise<SessionRow | undefined> {
    const rows = await this.prepared<SessionRow>(`${SESSION_LOOKUP} AND s.token_hash = $1`, [tokenHash]);
    return rows[0];
  }

  /** The sessions among these ids that are still live. */
  live(sessionIds: string[]): Promise<LiveSession[]> {
    return this.query<LiveSession>(LIVE_SESSIONS, [sessionIds]);
  }

  /** Slides the idle expiry, up to the absolute one. */
  async touch(sessionId: string, idleMinutes: number): Promise<void> {
    await this.query(
      `UPDATE sessions
          SET last_seen_at = now(),
              expires_at = LEAST(now() + make_interval(mins => $2), absolute_expires_at)
        WHERE id = $1`,
      [sessionId, idleMinutes],
    );
  }

  async revoke(sessionId: string): Promise<void> {
    await this.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [
      sessionId,
    ]);
  }

  async revokeAllForUser(userId: string, tx?: Tx): Promise<void> {
    await this.query(
      'UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
      tx,
    );
  }
}
