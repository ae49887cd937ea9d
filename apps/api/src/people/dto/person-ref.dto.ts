import { ApiProperty } from '@nestjs/swagger';
import type { PersonKind } from '@hushdesk/contracts';

/** A person named in an answer, by name as the viewer's `person.fullName` policy allows. */
export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Clear, masked (`M. U.`), or null when hidden or not given: show the neutral label',
  })
  name: string | null;
}

export class KindedPersonRefDto extends PersonRefDto {
  @ApiProperty({ enum: ['customer', 'staff'], description: 'Which neutral label fits when `name` is null' })
  kind: PersonKind;
}

/** The clear value of one masked field, answered by a reveal (audited with its reason). */
export class RevealedFieldDto {
  @ApiProperty({ example: 'phone' }) field: string;
  @ApiProperty({ type: String, nullable: true }) value: string | null;
}
