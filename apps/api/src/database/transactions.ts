import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { txOf, type Tx } from './tx';

/**
 * Opens transactions for services, which hold the use cases: everything `work` does through
 * repositories with the `Tx` it is given commits together or not at all.
 */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation
      ? this.dataSource.transaction(isolation, (manager) => work(txOf(manager)))
      : this.dataSource.transaction((manager) => work(txOf(manager)));
  }
}
