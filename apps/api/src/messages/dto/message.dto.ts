import { ApiProperty } from '@nestjs/swagger';
import { MESSAGE_VISIBILITIES, type MessageVisibility } from '@hushdesk/contracts';
import { EnumField, TextField } from '../../common/validation/fields';

export class CreateMessageDto {
  @TextField({ max: 20_000, example: 'Could you power-cycle the handset and tell us what the screen shows?' })
  body: string;

  @EnumField(MESSAGE_VISIBILITIES, { description: 'Customers can only post public replies' })
  visibility: MessageVisibility;
}

class AuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ enum: ['customer', 'staff'] }) kind: 'customer' | 'staff';
}

export class TicketMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ enum: MESSAGE_VISIBILITIES }) visibility: MessageVisibility;
  @ApiProperty() body: string;
  @ApiProperty({ type: AuthorDto }) author: AuthorDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
