import { ApiProperty } from '@nestjs/swagger';
import {
  COLLECTIONS,
  LAWFUL_BASES,
  PERSONAL_FIELDS,
  type Collection,
  type LawfulBasis,
  type PersonalField,
} from '@hushdesk/privacy';
import { PRIORITIES, TICKET_TYPES, type Priority, type TicketType } from '@hushdesk/ticketing';
import { ControllerIdentityDto } from '../../settings/dto/controller-settings.dto';

class RopaCategoryDto {
  @ApiProperty({ enum: PERSONAL_FIELDS }) field: PersonalField;
  @ApiProperty() label: string;
  @ApiProperty({ enum: COLLECTIONS }) collection: Collection;
  @ApiProperty() retention: string;
}

class RopaActivityDto {
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) purposes: string[];
  @ApiProperty({ enum: LAWFUL_BASES, isArray: true }) lawfulBases: LawfulBasis[];
  @ApiProperty() dataSubjects: string;
  @ApiProperty({ type: [RopaCategoryDto] }) dataCategories: RopaCategoryDto[];
  @ApiProperty() recipients: string;
  @ApiProperty({ type: [String] }) retention: string[];
  @ApiProperty() internationalTransfers: string;
  @ApiProperty({ type: [String] }) securityMeasures: string[];
}

/** The Art. 30 record of processing activities, generated from the live field registry. */
export class RopaDto {
  @ApiProperty({ description: "The controller's name, or a note that it is not set yet" }) controller: string;
  @ApiProperty({ type: ControllerIdentityDto, nullable: true })
  controllerContact: ControllerIdentityDto | null;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [RopaActivityDto] }) activities: RopaActivityDto[];
}

/** Where an identifier is mentioned in free text (found through the keyed-hash index). */
export class MentionDto {
  @ApiProperty({ enum: ['ticket', 'message', 'attachment', 'recording', 'email', 'person'] })
  sourceType: 'ticket' | 'message' | 'attachment' | 'recording' | 'email' | 'person';
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ticketId: string | null;
  @ApiProperty({ enum: ['email', 'phone', 'name'] }) kind: 'email' | 'phone' | 'name';
}

export class IndexRebuildDto {
  @ApiProperty({ type: 'integer', description: 'Texts read' }) sources: number;
  @ApiProperty({ type: 'integer', description: 'Index entries written' }) entries: number;
}

export class SuppressionAddedDto {
  @ApiProperty({ type: 'integer', description: 'Identifiers newly on the list' }) added: number;
}

export class RedactionResultDto {
  @ApiProperty({ type: 'integer', description: 'Identifiers replaced' }) removed: number;
}

class ShareSafeEquipmentDto {
  @ApiProperty({ type: String, nullable: true }) model: string | null;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
}

class ShareSafeMessageDto {
  @ApiProperty({ enum: ['Support', 'Customer'] }) from: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() body: string;
}

/** A ticket safe to send to a vendor: every email, phone number and known name replaced. */
export class ShareSafeTicketDto {
  @ApiProperty({ example: 'HD-000123' }) reference: string;
  @ApiProperty({ enum: TICKET_TYPES }) type: TicketType;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty({ type: String, nullable: true }) category: string | null;
  @ApiProperty() subject: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: ShareSafeEquipmentDto }) equipment: ShareSafeEquipmentDto;
  @ApiProperty({ type: [ShareSafeMessageDto], description: 'The public thread, oldest first' })
  thread: ShareSafeMessageDto[];
}

export class ShareSafeAttachmentDto {
  @ApiProperty({ description: 'The file name, scrubbed too' }) fileName: string;
  @ApiProperty() text: string;
}
