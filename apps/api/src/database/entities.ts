import { AuditCheckpointEntity } from '../audit/audit-checkpoint.entity';
import { BlobDeletionEntity } from '../blobs/blob-deletion.entity';
import { BlobCopyEntity } from '../blobs/migration/blob-copy.entity';
import { DsarItemEntity } from '../dsar/shared/dsar-item.entity';
import { DsarRedactionEntity } from '../dsar/shared/dsar-redaction.entity';
import { DsarReleaseEntity } from '../dsar/shared/dsar-release.entity';
import { DsarRequestEntity } from '../dsar/shared/dsar-request.entity';
import { CallStatisticEntity } from '../recordings/call-statistic.entity';
import { RecordingEntity } from '../recordings/recording.entity';
import { RetentionPolicyEntity } from '../retention/retention-policy.entity';
import { RetentionRunEntity } from '../retention/retention-run.entity';
import { AttachmentEntity } from '../attachments/attachment.entity';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { LoginThrottleEntity } from '../auth/login-throttle.entity';
import { SessionEntity } from '../auth/session.entity';
import { ReplyDraftEntity } from '../drafts/reply-draft.entity';
import { ReplyDraftFileEntity } from '../drafts/reply-draft-file.entity';
import { TicketGroupEntity } from '../groups/ticket-group.entity';
import { TicketGroupMemberEntity } from '../groups/ticket-group-member.entity';
import { MacroEntity } from '../macros/macro.entity';
import { TicketMessageEntity } from '../messages/ticket-message.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { PersonEntity } from '../people/person.entity';
import { FieldPolicyOverrideEntity } from '../privacy/field-policy-override.entity';
import { IdentifierMentionEntity } from '../privacy/identifier-mention.entity';
import { SuppressionEntity } from '../privacy/suppression.entity';
import { TicketHistoryEntity } from '../tickets/ticket-history.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { TicketBulkChangeEntity } from '../tickets/ticket-bulk-change.entity';
import { TicketStatusCountEntity } from '../tickets/ticket-status-count.entity';
import { TicketViewEntity } from '../views/ticket-view.entity';
import { UserEntity } from '../users/user.entity';
import { ControllerIdentityEntity } from '../settings/controller-identity.entity';
import { SlaSettingsEntity } from '../sla/sla-settings.entity';
import { MailboxEntity } from '../mail/mailboxes/mailbox.entity';
import { MailQuarantineEntity } from '../mail/mailboxes/mail-quarantine.entity';
import { MailOutboxEntity } from '../mail/outbox/mail-outbox.entity';
import { MailSubscriptionEntity } from '../mail/outbox/mail-subscription.entity';
import { EmailMessageEntity } from '../mail/shared/email-message.entity';
import { MailReceiptEntity } from '../mail/shared/mail-receipt.entity';
import { UndeliverableAddressEntity } from '../mail/shared/undeliverable-address.entity';
import { JobWorkerEntity } from '../jobs/job-worker.entity';
import { SlaWarningEntity } from '../notifications/sla-warning.entity';
import { SlaWarningReadEntity } from '../notifications/sla-warning-read.entity';

/** Every entity, listed once: the app and the migration CLI both read this. */
export const ENTITIES = [
  OrganisationEntity,
  PersonEntity,
  UserEntity,
  SessionEntity,
  LoginThrottleEntity,
  TicketGroupEntity,
  TicketGroupMemberEntity,
  TicketEntity,
  TicketMessageEntity,
  TicketHistoryEntity,
  TicketBulkChangeEntity,
  TicketStatusCountEntity,
  TicketViewEntity,
  AttachmentEntity,
  AuditEntryEntity,
  FieldPolicyOverrideEntity,
  IdentifierMentionEntity,
  SuppressionEntity,
  RecordingEntity,
  CallStatisticEntity,
  BlobDeletionEntity,
  BlobCopyEntity,
  RetentionPolicyEntity,
  RetentionRunEntity,
  DsarRequestEntity,
  DsarItemEntity,
  DsarRedactionEntity,
  DsarReleaseEntity,
  AuditCheckpointEntity,
  ControllerIdentityEntity,
  SlaSettingsEntity,
  MailboxEntity,
  MailQuarantineEntity,
  EmailMessageEntity,
  MailReceiptEntity,
  UndeliverableAddressEntity,
  MailOutboxEntity,
  MailSubscriptionEntity,
  JobWorkerEntity,
  MacroEntity,
  ReplyDraftEntity,
  ReplyDraftFileEntity,
  SlaWarningEntity,
  SlaWarningReadEntity,
];
