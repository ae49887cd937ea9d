import { Module } from '@nestjs/common';
import { MessageDsarRepository } from './message-dsar.repository';
import { MessageRedactionRepository } from './message-redaction.repository';
import { MessagesRepository } from './messages.repository';

const REPOSITORIES = [MessagesRepository, MessageRedactionRepository, MessageDsarRepository];

/**
 * The ticket_messages repositories alone: the privacy core redacts and indexes messages while the
 * messages feature needs the privacy core.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class MessagesDataModule {}
