import { ApiProperty } from '@nestjs/swagger';
import { TagField } from './ticket.dto';

/** The most tickets one rename or removal of a tag may change: a guard, not a page size. */
export const TAG_CHANGE_LIMIT = 10_000;

export class TagUsageDto {
  @ApiProperty({ example: 'voip' }) tag!: string;
  @ApiProperty({ description: 'Tickets carrying the tag', example: 12 }) tickets!: number;
}

export class TagListDto {
  @ApiProperty({ type: [TagUsageDto] }) items!: TagUsageDto[];
}

export class RenameTagDto {
  /** The tag as tickets carry it now. */
  @TagField() from!: string;
  /** Its new name; tickets that already carry it keep it once. */
  @TagField() to!: string;
}

export class RemoveTagDto {
  @TagField() tag!: string;
}

export class TagChangeResultDto {
  @ApiProperty({ description: 'Tickets changed, each with a history entry', example: 12 }) changed!: number;
  @ApiProperty({
    description: 'Tickets left alone because their processing is restricted',
    example: 0,
  })
  skipped!: number;
}
