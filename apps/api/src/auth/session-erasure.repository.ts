import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** Statements an erasure runs on `sessions`: an erased person's sessions end. */
@Injectable()
export class SessionErasureRepository extends SqlRepository {
  async countLive(userIds: string[], tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sessions WHERE user_id = ANY($1) AND revoked_at IS NULL',
      [userIds],
      tx,
    );
    return n;
  }

  async revokeAll(tx: Tx, userIds: string[]): Promise<void> {
    await this.query(
      'UPDATE sessions SET revoked_at = now() WHERE user_id = ANY($1) AND revoked_at IS NULL',
      [userIds],
      tx,
    );
  }
}
