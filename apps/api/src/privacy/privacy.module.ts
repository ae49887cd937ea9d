import { Global, Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
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
  imports: [TicketsModule, PeopleModule],
  controllers: [PrivacyController, ShareSafeController],
  providers: [RedactionService, FieldRetentionSweep],
  // People moved to their own module; re-exported for the modules that found PeopleService here.
  exports: [FieldRetentionSweep, RedactionService, PeopleModule],
})
export class PrivacyModule {}
