import { Injectable } from '@nestjs/common';
import { normaliseEmail, normalisePhone } from '@hushdesk/privacy';
import { DataSource, EntityManager } from 'typeorm';
import { IdentifierIndex } from './identifier-index.service';

/** The "do not contact" list, by keyed hash: it outlives an erasure without keeping the identifiers. */
@Injectable()
export class SuppressionList {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: IdentifierIndex,
  ) {}

  private hashes(who: {
    email?: string | null;
    phone?: string | null;
  }): { kind: 'email' | 'phone'; hash: Buffer }[] {
    const out: { kind: 'email' | 'phone'; hash: Buffer }[] = [];
    if (who.email) out.push({ kind: 'email', hash: this.index.hash('email', normaliseEmail(who.email)) });
    const phone = who.phone ? normalisePhone(who.phone) : null;
    if (phone) out.push({ kind: 'phone', hash: this.index.hash('phone', phone) });
    return out;
  }

  async add(
    manager: EntityManager,
    who: { email?: string | null; phone?: string | null },
    reason: 'objection' | 'erasure' | 'request',
  ): Promise<number> {
    let added = 0;
    for (const { kind, hash } of this.hashes(who)) {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO suppressions (kind, hash, reason) VALUES ($1, $2, $3) ON CONFLICT (kind, hash) DO NOTHING RETURNING id`,
        [kind, hash, reason],
      );
      added += inserted.length;
    }
    return added;
  }

  async isSuppressed(who: { email?: string | null; phone?: string | null }): Promise<boolean> {
    const hashes = this.hashes(who);
    if (!hashes.length) return false;
    const rows = await this.dataSource.query('SELECT 1 FROM suppressions WHERE hash = ANY($1) LIMIT 1', [
      hashes.map((h) => h.hash),
    ]);
    return rows.length > 0;
  }
}
