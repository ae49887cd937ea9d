import { Injectable } from '@nestjs/common';
import { MovedOnMergeRepository } from '../tickets/moved-on-merge.repository';

/** Merging tickets moves their calls (`recordings`) to the ticket merged into. */
@Injectable()
export class RecordingMergeRepository extends MovedOnMergeRepository {
  protected readonly table = 'recordings';
}
