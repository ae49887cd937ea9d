import { ApiProperty } from '@nestjs/swagger';
import type { TicketGroup } from '@hushdesk/contracts';

export class TicketGroupDto implements TicketGroup {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Voice' }) name: string;
}
