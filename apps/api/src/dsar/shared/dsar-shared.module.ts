import { Module } from '@nestjs/common';
import { CollectionProgressRepository } from './collection-progress.repository';
import { DsarItemsRepository } from './dsar-items.repository';
import { DsarRedactionsRepository } from './dsar-redactions.repository';
import { DsarReleasesRepository } from './dsar-releases.repository';
import { DsarRequestsRepository } from './dsar-requests.repository';
import { DsarRetentionRepository } from './dsar-retention.repository';
import { SignInEmailChangeRequestsRepository } from './sign-in-email-change-requests.repository';

const REPOSITORIES = [
  DsarRequestsRepository,
  DsarItemsRepository,
  DsarRedactionsRepository,
  DsarReleasesRepository,
  DsarRetentionRepository,
  CollectionProgressRepository,
  SignInEmailChangeRequestsRepository,
];

/**
 * The DSAR tables' repositories, shared by every stage. Importing nothing, it also serves the
 * features that write requests or releases (people, retention, the demo) without a module cycle.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class DsarSharedModule {}
