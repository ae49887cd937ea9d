import { ApiProperty } from '@nestjs/swagger';
import { UuidField } from '../../common/validation/fields';

export class MergeTicketDto {
  @UuidField({
    description: 'The ticket this one goes into: its thread, files, calls and history move there',
  })
  intoTicketId: string;
}

/** What a merge moves, before it is confirmed or once it is done. */
export class TicketMergeDto {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'HD-000122' }) reference: string;
  @ApiProperty({ format: 'uuid' }) intoTicketId: string;
  @ApiProperty({ example: 'HD-000123' }) intoReference: string;
  @ApiProperty() intoSubject: string;
  @ApiProperty({ type: 'integer', description: 'Replies and internal notes' }) messages: number;
  @ApiProperty({ type: 'integer' }) attachments: number;
  @ApiProperty({ type: 'integer', description: 'Call recordings logged on the ticket' }) calls: number;
  @ApiProperty({ type: 'integer' }) historyEntries: number;
}
