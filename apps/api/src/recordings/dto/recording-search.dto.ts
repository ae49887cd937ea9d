import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/keyset';
import { TextField, UuidField } from '../../common/validation/fields';
import { RecordingDto } from './recording.dto';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A calendar day (`2026-03-03`), counted in Europe/London like the helpdesk's business days. */
function DayField(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: String, format: 'date', maxLength: 10, example: '2026-03-03', description })(
      target,
      key,
    );
    IsOptional()(target, key);
    const message = `${String(key)} must be a date written as YYYY-MM-DD`;
    Matches(DAY, { message })(target, key);
    // The shape alone lets 2026-02-31 through, which PostgreSQL then refuses (a 500, not a 400).
    IsISO8601({ strict: true }, { message })(target, key);
  };
}

/**
 * What the DPO searches calls by, in the body so that a phone number never sits in a URL (and so in
 * no proxy's access log or browser history). At least one of number, ticket and personId.
 */
export class SearchRecordingsDto extends PageQueryDto {
  @TextField({ optional: true, max: 40, example: '0044 7700 900123', description: 'Any common format' })
  number?: string;

  @TextField({ optional: true, max: 40, example: 'HD-000123', description: 'A ticket reference or id' })
  ticket?: string;

  @UuidField({ optional: true }) personId?: string;

  @DayField('Calls on or after this day') from?: string;
  @DayField('Calls on or before this day') to?: string;
}

export class RecordingSearchHitDto extends RecordingDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'HD-000123' })
  ticketReference: string | null;
}
