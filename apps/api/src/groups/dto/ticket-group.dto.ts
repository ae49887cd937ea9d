import { ApiProperty } from '@nestjs/swagger';

export class TicketGroupDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Voice' }) name: string;
}
