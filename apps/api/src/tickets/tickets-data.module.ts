import { Module } from '@nestjs/common';
import { TicketBulkChangesRepository } from './ticket-bulk-changes.repository';
import { TicketDsarRepository } from './ticket-dsar.repository';
import { TicketHistoryRepository } from './ticket-history.repository';
import { TicketLookupRepository } from './ticket-lookup.repository';
import { TicketRetentionRepository } from './ticket-retention.repository';
import { TicketsRepository } from './tickets.repository';

const REPOSITORIES = [
  TicketsRepository,
  TicketHistoryRepository,
  TicketLookupRepository,
  TicketRetentionRepository,
  TicketDsarRepository,
  TicketBulkChangesRepository,
];

/**
 * The tickets tables' repositories alone. The privacy core (field policies, identifier index)
 * reads tickets while the tickets feature needs the privacy core, so the tables are their own module.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class TicketsDataModule {}
