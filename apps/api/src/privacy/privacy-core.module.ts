import { MailDataModule } from '../mail/shared/mail-data.module';
import { Module } from '@nestjs/common';
import { AttachmentsDataModule } from '../attachments/attachments-data.module';
import { AuditModule } from '../audit/audit.module';
import { BlobsModule } from '../blobs/blobs.module';
import { MessagesDataModule } from '../messages/messages-data.module';
import { PeopleDataModule } from '../people/people-data.module';
import { RecordingsDataModule } from '../recordings/recordings-data.module';
import { TicketsDataModule } from '../tickets/tickets-data.module';
import { FieldPoliciesService } from './field-policies.service';
import { FieldPolicyOverridesRepository } from './field-policy-overrides.repository';
import { IdentifierIndex } from './identifier-index.service';
import { IdentifierMentionsRepository } from './identifier-mentions.repository';
import { SubjectMentionsRepository } from './subject-mentions.repository';
import { SuppressionList } from './suppression.service';
import { SuppressionsRepository } from './suppressions.repository';

/**
 * Field policies, the identifier index and the suppression list: what nearly every feature that
 * stores personal data uses. It reads those features' tables through their data modules only, so
 * the features can import it without a cycle.
 */
@Module({
  imports: [
    AuditModule,
    BlobsModule,
    PeopleDataModule,
    TicketsDataModule,
    MessagesDataModule,
    AttachmentsDataModule,
    RecordingsDataModule,
    MailDataModule,
  ],
  providers: [
    FieldPoliciesService,
    IdentifierIndex,
    SuppressionList,
    FieldPolicyOverridesRepository,
    IdentifierMentionsRepository,
    SubjectMentionsRepository,
    SuppressionsRepository,
  ],
  exports: [
    FieldPoliciesService,
    IdentifierIndex,
    SuppressionList,
    IdentifierMentionsRepository,
    SubjectMentionsRepository,
  ],
})
export class PrivacyCoreModule {}
