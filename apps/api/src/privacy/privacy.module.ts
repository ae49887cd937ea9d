import { Global, Module } from '@nestjs/common';
import { PeopleController } from '../people/people.controller';
import { PeopleService } from '../people/people.service';
import { SignInEmailChanges } from '../people/sign-in-email-change';
import { TicketsModule } from '../tickets/tickets.module';
import { FieldPoliciesService } from './field-policies.service';
import { FieldRetentionSweep } from './field-retention.sweep';
import { IdentifierIndex } from './identifier-index.service';
import { PrivacyController } from './privacy.controller';
import { RedactionService } from './redaction.service';
import { ShareSafeController } from './share-safe.controller';
import { SuppressionList } from './suppression.service';

@Global()
@Module({
  providers: [FieldPoliciesService, IdentifierIndex, SuppressionList],
  exports: [FieldPoliciesService, IdentifierIndex, SuppressionList],
})
export class PrivacyCoreModule {}

@Module({
  imports: [TicketsModule],
  controllers: [PrivacyController, ShareSafeController, PeopleController],
  providers: [RedactionService, PeopleService, SignInEmailChanges, FieldRetentionSweep],
  exports: [FieldRetentionSweep, RedactionService, PeopleService],
})
export class PrivacyModule {}
