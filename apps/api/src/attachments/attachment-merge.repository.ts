import { Injectable } from '@nestjs/common';
import { MovedOnMergeRepository } from '../tickets/moved-on-merge.repository';

/** Merging tickets moves their attachments (`attachments`) to the ticket merged into. */
@Injectable()
export class AttachmentMergeRepository extends MovedOnMergeRepository {
  protected readonly table = 'attachments';
}
