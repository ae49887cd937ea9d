import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MACRO_PLACEHOLDERS } from '@hushdesk/contracts';
import { TextField, UuidField } from '../../common/validation/fields';
import { TicketDetailDto, UpdateTicketDto } from '../../tickets/dto/ticket.dto';

/** The ticket changes a macro makes when applied: exactly what `PATCH /api/tickets/:id` takes. */
export class MacroActionsDto extends UpdateTicketDto {}

const BODY_MAX = 10_000;

export class CreateMacroDto {
  @TextField({ max: 120, example: 'Printer: restart first' }) title: string;
  @TextField({
    max: BODY_MAX,
    description: `Markdown with placeholders: ${MACRO_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
    example: 'Hello {{requester.firstName}},\n\nPlease restart the printer.\n\n{{engineer.name}}',
  })
  body: string;

  @ApiPropertyOptional({
    description: 'Shared with every engineer (admins only); otherwise personal to its author',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;

  @ApiPropertyOptional({ type: MacroActionsDto, description: 'Ticket changes made when it is applied' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MacroActionsDto)
  actions?: MacroActionsDto;
}

/** Every field optional; `shared` cannot change (a personal macro is never published by editing). */
export class UpdateMacroDto {
  @TextField({ optional: true, max: 120 }) title?: string;
  @TextField({ optional: true, max: BODY_MAX }) body?: string;

  @ApiPropertyOptional({ type: MacroActionsDto, description: 'Replaces the ticket changes as a whole' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MacroActionsDto)
  actions?: MacroActionsDto;
}

export class MacroQueryDto {
  @ApiPropertyOptional({
    description: 'Words of the title or text (no `%` or control characters)',
    maxLength: 100,
    pattern: '^[^%\\u0000-\\u001f\\u007f]*$',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  // A `%` left in a decoded query is an escape that did not decode: refused, not searched for.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  @Matches(/^[^%\u0000-\u001f\u007f\ufffd]*$/u, {
    message: 'q must be words, without % or control characters',
  })
  q?: string;
}

export class ApplyMacroDto {
  @UuidField({ description: 'The ticket to apply it to' }) ticketId: string;
}

export class MacroDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Markdown with placeholders, as written' }) body: string;
  @ApiProperty({ description: 'Shared with every engineer; false when personal to the caller' })
  shared: boolean;
  @ApiProperty({ description: 'Whether the caller may edit or delete it' }) editable: boolean;
  @ApiProperty({ type: MacroActionsDto }) actions: MacroActionsDto;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AppliedMacroDto {
  @ApiProperty({
    description:
      'The text with placeholders filled in as the caller may see the values (masked stays masked)',
  })
  body: string;
  @ApiProperty({
    enum: MACRO_PLACEHOLDERS,
    isArray: true,
    description: 'Placeholders with nothing the caller may see: filled with a neutral word or left empty',
  })
  withheld: string[];
  @ApiProperty({ type: TicketDetailDto, description: 'The ticket after the macro’s changes' })
  ticket: TicketDetailDto;
}
