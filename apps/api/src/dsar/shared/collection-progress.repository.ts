import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';

/** Whether a request's collection is still under way (the demo seed waits for it). */
@Injectable()
export class CollectionProgressRepository extends SqlRepository {
  async isCollecting(dsarId: string): Promise<boolean> {
    const [row] = await this.query<{ status: string }>('SELECT status FROM dsar_requests WHERE id = $1', [
      dsarId,
    ]);
    return row.status === 'collecting';
  }
}
