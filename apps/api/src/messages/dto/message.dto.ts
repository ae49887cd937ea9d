import { ApiProperty } from '@nestjs/swagger';
import {
  MESSAGE_CHANNELS,
  MESSAGE_VISIBILITIES,
  type MessageChannel,
  type MessageVisibility,
} from '@hushdesk/contracts';
import { EnumField, TextField } from '../../common/validation/fields';
import { KindedPersonRefDto } from '../../people/dto/person-ref.dto';

export class CreateMessageDto {
  @TextField({ max: 20_000, example: 'Could you power-cycle the handset and tell us what the screen shows?' })
  body: string;

  @EnumField(MESSAGE_VISIBILITIES, { description: 'Customers can only post public replies' })
  visibility: MessageVisibility;
}

export class TicketMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ enum: MESSAGE_VISIBILITIES }) visibility: MessageVisibility;
  @ApiProperty() body: string;
  @ApiProperty({ type: KindedPersonRefDto }) author: KindedPersonRefDto;
  @ApiProperty({ enum: MESSAGE_CHANNELS, description: 'Written in the app, or received as a mail' })
  channel: MessageChannel;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TicketMessagePageDto {
  @ApiProperty({ type: [TicketMessageDto] }) items: TicketMessageDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page' })
  nextCursor: string | null;
}
