import { ApiProperty } from '@nestjs/swagger';
import { SLA_CLOCKS, SLA_WARNING_KINDS, type SlaClockName, type SlaWarningKind } from '@hushdesk/contracts';

/** One SLA warning: the ticket's id and reference, which clock, and when it is due; no subject, no names. */
export class SlaWarningDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'HD-000123' }) reference: string;
  @ApiProperty({ enum: SLA_CLOCKS }) clock: SlaClockName;
  @ApiProperty({
    enum: SLA_WARNING_KINDS,
    description: '`atRisk` before the deadline, `breached` once it passed',
  })
  kind: SlaWarningKind;
  @ApiProperty({ format: 'date-time', description: 'The deadline the warning is about' }) dueAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SlaWarningListDto {
  @ApiProperty({ type: [SlaWarningDto], description: 'Newest first, at most 50' }) items: SlaWarningDto[];
}
