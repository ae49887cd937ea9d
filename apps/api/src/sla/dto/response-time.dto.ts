import { ApiProperty } from '@nestjs/swagger';
import { PRIORITIES, type Priority } from '@hushdesk/ticketing';

/** What a requester may expect for one priority: the SLA's targets, nothing about any ticket. */
export class ResponseTimeDto {
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty({ description: 'Minutes to the first reply' }) firstResponseMinutes: number;
  @ApiProperty({ description: 'Minutes to a resolution' }) resolutionMinutes: number;
  @ApiProperty({
    enum: ['business', '24x7'],
    description: '`business`: working minutes (business hours, bank holidays off); `24x7`: every minute',
  })
  clock: 'business' | '24x7';
}
