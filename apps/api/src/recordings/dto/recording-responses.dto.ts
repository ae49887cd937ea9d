import { ApiProperty } from '@nestjs/swagger';
import { RecordingDto } from './recording.dto';
import { RecordingSearchHitDto } from './recording-search.dto';

export class RecordingPageDto {
  @ApiProperty({ type: [RecordingDto] }) items: RecordingDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class RecordingSearchPageDto {
  @ApiProperty({ type: [RecordingSearchHitDto] }) items: RecordingSearchHitDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

class ImportFailureDto {
  @ApiProperty({ type: 'integer', description: 'The line of the CSV file (the header is line 1)' })
  line: number;
  @ApiProperty({ example: 'started_at' }) field: string;
  @ApiProperty() message: string;
}

/** What a call-log import did, row by row. */
export class ImportReportDto {
  @ApiProperty({ type: 'integer' }) rows: number;
  @ApiProperty({ type: 'integer' }) imported: number;
  @ApiProperty({
    type: 'integer',
    description: 'Rows imported before (same call id, or the same row): skipped, so a file can be re-sent',
  })
  duplicates: number;
  @ApiProperty({ type: [ImportFailureDto] }) failed: ImportFailureDto[];
}
