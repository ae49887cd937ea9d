import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import { OrganisationEntity } from './organisation.entity';

export interface OrganisationRow {
  id: string;
  name: string;
  shared_ticket_visibility: boolean;
  holds_email_contacts: boolean;
  created_at: Date;
}

/** Every statement on `organisations`, through TypeORM's query builder over the entity. */
@Injectable()
export class OrganisationsRepository extends SqlRepository {
  private repo(tx?: Tx) {
    return this.manager(tx).getRepository(OrganisationEntity);
  }

  /** Whether another organisation has this name, whatever its case. */
  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const qb = this.repo().createQueryBuilder('o').select('o.id');
    if (exceptId) qb.where('lower(o.name) = lower(:name) AND o.id <> :id', { name, id: exceptId });
    else qb.where('lower(o.name) = lower(:name)', { name });
    return !!(await qb.getOne());
  }

  create(name: string, tx?: Tx): Promise<OrganisationEntity> {
    const repo = this.repo(tx);
    return repo.save(repo.create({ name }));
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  list(after: (string | number)[] | undefined, limit: number): Promise<OrganisationEntity[]> {
    const qb = this.repo()
      .createQueryBuilder('o')
      .select(['o.id', 'o.name', 'o.sharedTicketVisibility', 'o.createdAt'])
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit + 1);
    if (after)
      qb.where('(o.createdAt, o.id) < (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
    return qb.getMany();
  }

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.repo().findOne({
      where: { id },
      select: ['id', 'name', 'sharedTicketVisibility', 'createdAt'],
    });
  }

  /** The row for a change or a deletion, locked: new members (which take a key-share lock) wait. */
  async lock(tx: Tx, id: string): Promise<OrganisationRow | undefined> {
    const [row] = await this.query<OrganisationRow>(
      `SELECT id, name, shared_ticket_visibility, holds_email_contacts, created_at
         FROM organisations WHERE id = $1 FOR UPDATE`,
      [id],
      tx,
    );
    return row;
  }

  async update(tx: Tx, id: string, input: { name: string; sharedTicketVisibility: boolean }): Promise<void> {
    await this.query(
      'UPDATE organisations SET name = $2, shared_ticket_visibility = $3, updated_at = now() WHERE id = $1',
      [id, input.name, input.sharedTicketVisibility],
      tx,
    );
  }

  /**
   * Whether anything still belongs to it (the foreign keys would refuse the deletion). Run after
   * `lock`, so nothing can join between this read and the delete.
   */
  async usage(tx: Tx, id: string): Promise<{ has_users: boolean; has_tickets: boolean }> {
    const [row] = await this.query<{ has_users: boolean; has_tickets: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM users WHERE organisation_id = $1) AS has_users,
              EXISTS (SELECT 1 FROM tickets WHERE organisation_id = $1) AS has_tickets`,
      [id],
      tx,
    );
    return row;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await this.query('DELETE FROM organisations WHERE id = $1', [id], tx);
  }

  async exists(id: string, tx?: Tx): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM organisations WHERE id = $1', [id], tx);
    return rows.length > 0;
  }

  /**
   * The one organisation that holds the email channel's contacts, created on first need. Two
   * imports racing here both end with the same row: the partial unique index lets one insert win.
   */
  async emailContactsId(name: string, tx?: Tx): Promise<string | undefined> {
    await this.query(
      `INSERT INTO organisations (name, holds_email_contacts) VALUES ($1, true) ON CONFLICT DO NOTHING`,
      [name],
      tx,
    );
    const [row] = await this.query<{ id: string }>(
      'SELECT id FROM organisations WHERE holds_email_contacts',
      [],
      tx,
    );
    return row?.id;
  }
}
