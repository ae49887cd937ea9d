import { Injectable } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from './prepared-query';
import { managerOf, type Tx } from './tx';

/**
 * The base of every `*.repository.ts`: the one place a feature's SQL runs. A method takes the
 * caller's `Tx` when it must join a transaction, and runs on the pool otherwise.
 */
@Injectable()
export abstract class SqlRepository {
  constructor(protected readonly dataSource: DataSource) {}

  /** The transaction's connection, or the pool's manager outside one. */
  protected manager(tx?: Tx): EntityManager {
    return tx ? managerOf(tx) : this.dataSource.manager;
  }

  /** One statement, in `tx` when given; rows as TypeORM's `query` gives them. */
  protected query<T = QueryResultRow>(text: string, values: unknown[] = [], tx?: Tx): Promise<T[]> {
    return this.manager(tx).query(text, values);
  }

  /**
   * A hot-path statement of fixed text: a named prepared statement on the pool, or the plain
   * statement on the transaction's connection when given one (see `prepared-query.ts`).
   */
  protected prepared<T extends QueryResultRow>(text: string, values: unknown[], tx?: Tx): Promise<T[]> {
    return tx ? managerOf(tx).query(text, values) : preparedQuery<T>(this.dataSource, text, values);
  }
}
