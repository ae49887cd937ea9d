import type { EntityManager } from 'typeorm';

declare const txBrand: unique symbol;

/**
 * A transaction in progress. Services open one with `Transactions.run` and hand it to repository
 * methods; it is opaque outside the database layer, so only a repository can run a statement on it.
 */
export type Tx = { readonly [txBrand]: 'Tx' };

/** For `Transactions`: wraps TypeORM's transactional manager. */
export function txOf(manager: EntityManager): Tx {
  return manager as unknown as Tx;
}

/** For repositories: the connection a transaction runs on. */
export function managerOf(tx: Tx): EntityManager {
  return tx as unknown as EntityManager;
}
