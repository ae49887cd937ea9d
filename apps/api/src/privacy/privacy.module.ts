import { Global, Module } from '@nestjs/common';
import { AttachmentRedactionRepository } from '../attachments/attachment-redaction.repository';
import { AuditModule } from '../audit/audit.module';
import { BlobsModule } from '../blobs/blobs.module';
import { JobsModule } from '../jobs/jobs.module';
import { MessageRedactionRepository } from '../messages/message-redaction.repository';
import { PeopleModule } from '../people/people.module';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { RecordingsRepository } from '../recordings/recordings.repository';
import { TicketLookupRepository } from '../tickets/ticket-lookup.repository';
import { TicketRetentionRepository } from '../tickets/ticket-retention.repository';
import { TicketsModule } from '../tickets/tickets.module';
import { FieldPoliciesService } from './field-policies.service';
import { FieldPolicyOverridesRepository } from './field-policy-overrides.repository';
import { FieldRetentionJob } from './field-retention.job';
import { IdentifierIndex } from './identifier-index.service';
import { IdentifierMentionsRepository } from './identifier-mentions.repository';
import { PrivacyController } from './privacy.controller';
import { RedactionService } from './redaction.service';
import { ShareSafeController } from './share-safe.controller';
import { ShareSafeService } from './share-safe.service';
import { SuppressionList } from './suppression.service';
import { SuppressionsRepository } from './suppressions.repository';

// Repositories of other folders' tables that privacy's statements need; the owning modules
// provide them once those modules exist.
const FOREIGN_REPOSITORIES = [
  AttachmentRedactionRepository,
  MessageRedactionRepository,
  PersonPrivacyRepository,
  RecordingsRepository,
  TicketLookupRepository,
  TicketRetentionRepository,
];

@Global()
@Module({
  imports: [AuditModule, BlobsModule],
  providers: [
    FieldPoliciesService,
    IdentifierIndex,
    SuppressionList,
    FieldPolicyOverridesRepository,
    IdentifierMentionsRepository,
    SuppressionsRepository,
    ...FOREIGN_REPOSITORIES,
  ],
  exports: [FieldPoliciesService, IdentifierIndex, SuppressionList, IdentifierMentionsRepository],
})
export class PrivacyCoreModule {}

@Module({
  imports: [TicketsModule, PeopleModule, PrivacyCoreModule, AuditModule, BlobsModule, JobsModule],
  controllers: [PrivacyController, ShareSafeController],
  providers: [RedactionService, ShareSafeService, FieldRetentionJob, ...FOREIGN_REPOSITORIES],
  // People moved to their own module; re-exported for the modules that found PeopleService here.
  exports: [FieldRetentionJob, RedactionService, PeopleModule],
})
export class PrivacyModule {}
