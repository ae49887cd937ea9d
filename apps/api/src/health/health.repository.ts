import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';

/** The database round trip the health check makes. */
@Injectable()
export class HealthRepository extends SqlRepository {
  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }
}
