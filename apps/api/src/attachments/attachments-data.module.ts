import { Module } from '@nestjs/common';
import { AttachmentDsarRepository } from './attachment-dsar.repository';
import { AttachmentRedactionRepository } from './attachment-redaction.repository';
import { AttachmentsRepository } from './attachments.repository';

const REPOSITORIES = [AttachmentsRepository, AttachmentRedactionRepository, AttachmentDsarRepository];

/**
 * The attachments table's repositories alone: the privacy core redacts and indexes attachments
 * while the attachments feature needs the privacy core.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class AttachmentsDataModule {}
