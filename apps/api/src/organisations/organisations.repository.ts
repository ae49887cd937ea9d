import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import { OrganisationEntity } from './organisation.entity';

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

  async save(organisation: OrganisationEntity): Promise<void> {
    await this.repo().save(organisation);
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
