import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** An audit entry as its subject's answer package gives it. */
export interface AuditPackageRow {
  id: string;
  at: Date;
  action: string;
  actor_role: string | null;
  fields: string[];
  reason: string | null;
}

/** Reads data-subject requests make of `audit_log`: the entries about their subject. */
@Injectable()
export class AuditDsarRepository extends SqlRepository {
  about(personId: string): Promise<{ seq: string; at: Date }[]> {
    return this.query('SELECT seq, at FROM audit_log WHERE subject_person_id = $1', [personId]);
  }

  async countAbout(personId: string | null, tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE subject_person_id = $1',
      [personId],
      tx,
    );
    return n;
  }

  forPackage(seqs: string[]): Promise<AuditPackageRow[]> {
    return this.query<AuditPackageRow>(
      `SELECT seq::text AS id, at, action, actor_role, fields, reason FROM audit_log WHERE seq = ANY($1::bigint[])`,
      [seqs],
    );
  }
}
