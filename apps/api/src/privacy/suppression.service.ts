import { Injectable } from '@nestjs/common';
import { normaliseEmail, normalisePhone } from '@hushdesk/privacy';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { IdentifierIndex } from './identifier-index.service';
import { SuppressionsRepository } from './suppressions.repository';

/** The "do not contact" list, by keyed hash: it outlives an erasure without keeping the identifiers. */
@Injectable()
export class SuppressionList {
  constructor(
    private readonly transactions: Transactions,
    private readonly suppressions: SuppressionsRepository,
    private readonly index: IdentifierIndex,
    private readonly audit: AuditService,
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
    tx: Tx,
    who: { email?: string | null; phone?: string | null },
    reason: 'objection' | 'erasure' | 'request',
  ): Promise<number> {
    let added = 0;
    for (const { kind, hash } of this.hashes(who)) {
      if (await this.suppressions.add(tx, kind, hash, reason)) added++;
    }
    return added;
  }

  async isSuppressed(who: { email?: string | null; phone?: string | null }): Promise<boolean> {
    const hashes = this.hashes(who);
    if (!hashes.length) return false;
    return this.suppressions.anyOf(hashes.map((h) => h.hash));
  }

  /** The DPO adds someone to the list; audited with the count and reason, never the identifiers. */
  async suppress(
    actor: Actor,
    who: { email?: string | null; phone?: string | null },
    reason: 'objection' | 'erasure' | 'request',
  ): Promise<{ added: number }> {
    if (!who.email && !who.phone) throw DomainError.invalidField('email', 'or phone is required');
    return this.transactions.run(async (tx) => {
      const added = await this.add(tx, who, reason);
      await this.audit.record(tx, {
        actor,
        action: 'suppression.add',
        details: { added, reason },
      });
      return { added };
    });
  }
}
