import { Module } from '@nestjs/common';
import { AttachmentMergeRepository } from '../attachments/attachment-merge.repository';
import { AuditModule } from '../audit/audit.module';
import { EmailMergeRepository } from '../mail/shared/email-merge.repository';
import { MessageMergeRepository } from '../messages/message-merge.repository';
import { MentionMergeRepository } from '../privacy/mention-merge.repository';
import { RecordingMergeRepository } from '../recordings/recording-merge.repository';
import { TicketMergeController } from './ticket-merge.controller';
import { TicketMergeRepository } from './ticket-merge.repository';
import { TicketMergeService } from './ticket-merge.service';
import { TicketsModule } from './tickets.module';

/**
 * Merging duplicates. Each table's merge statements live with their owner (messages, attachments,
 * recordings, mail, the identifier index); only this module uses them, so it provides them.
 */
@Module({
  imports: [TicketsModule, AuditModule],
  controllers: [TicketMergeController],
  providers: [
    TicketMergeService,
    TicketMergeRepository,
    MessageMergeRepository,
    AttachmentMergeRepository,
    RecordingMergeRepository,
    EmailMergeRepository,
    MentionMergeRepository,
  ],
})
export class TicketMergeModule {}
