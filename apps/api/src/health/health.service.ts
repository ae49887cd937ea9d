import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { HealthRepository } from './health.repository';

@Injectable()
export class HealthService {
  constructor(private readonly health: HealthRepository) {}

  /** Ok when the database answers; 503 otherwise. */
  async check(): Promise<{ status: 'ok' }> {
    try {
      await this.health.ping();
    } catch {
      throw new DomainError(DomainErrorCode.Unavailable, 'The database does not answer');
    }
    return { status: 'ok' };
  }
}
