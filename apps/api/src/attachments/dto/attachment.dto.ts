import { ApiProperty } from '@nestjs/swagger';
import { KindedPersonRefDto } from '../../people/dto/person-ref.dto';

export class AttachmentInfoDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({
    description:
      'As the `attachment.fileName` policy lets the caller see it: clear, masked, or a neutral `attachment-<id>.<ext>`',
  })
  fileName: string;
  @ApiProperty({ example: 'text/plain' }) contentType: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ type: KindedPersonRefDto }) uploadedBy: KindedPersonRefDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
