import { Module } from '@nestjs/common';
import { EmailMessagesRepository } from './email-messages.repository';
import { MailReceiptsRepository } from './mail-receipts.repository';
import { UndeliverableAddressesRepository } from './undeliverable-addresses.repository';

const REPOSITORIES = [EmailMessagesRepository, MailReceiptsRepository, UndeliverableAddressesRepository];

/**
 * The tables every part of the email channel shares (imported mail, receipts, undeliverable
 * addresses), alone: intake, outbound, retention and DSAR import this without importing each other.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class MailDataModule {}
