import { Module } from '@nestjs/common';
import { AttachmentDsarRepository } from '../../attachments/attachment-dsar.repository';
import { AuditDsarRepository } from '../../audit/audit-dsar.repository';
import { SessionErasureRepository } from '../../auth/session-erasure.repository';
import { BlobDeletionQueueRepository } from '../../blobs/blob-deletion-queue.repository';
import { MessageDsarRepository } from '../../messages/message-dsar.repository';
import { PersonDsarRepository } from '../../people/person-dsar.repository';
import { SubjectMentionsRepository } from '../../privacy/subject-mentions.repository';
import { RecordingDsarRepository } from '../../recordings/recording-dsar.repository';
import { DsarPackageRetentionRepository } from '../../retention/dsar-package-retention.repository';
import { TicketDsarRepository } from '../../tickets/ticket-dsar.repository';
import { UserDsarRepository } from '../../users/user-dsar.repository';
import { DsarItemsRepository } from './dsar-items.repository';
import { DsarRedactionsRepository } from './dsar-redactions.repository';
import { DsarReleasesRepository } from './dsar-releases.repository';
import { DsarRequestsRepository } from './dsar-requests.repository';

/**
 * The repositories every stage shares: the DSAR tables', and the statements data-subject
 * requests run on other features' tables (each in its owning feature's folder).
 */
const REPOSITORIES = [
  DsarRequestsRepository,
  DsarItemsRepository,
  DsarRedactionsRepository,
  DsarReleasesRepository,
  PersonDsarRepository,
  UserDsarRepository,
  SessionErasureRepository,
  TicketDsarRepository,
  MessageDsarRepository,
  AttachmentDsarRepository,
  RecordingDsarRepository,
  AuditDsarRepository,
  SubjectMentionsRepository,
  DsarPackageRetentionRepository,
  BlobDeletionQueueRepository,
];

@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class DsarSharedModule {}
