import { Injectable } from '@nestjs/common';
import { MovedOnMergeRepository } from '../tickets/moved-on-merge.repository';

/** Merging tickets moves their messages (`ticket_messages`) to the ticket merged into. */
@Injectable()
export class MessageMergeRepository extends MovedOnMergeRepository {
  protected readonly table = 'ticket_messages';
}
