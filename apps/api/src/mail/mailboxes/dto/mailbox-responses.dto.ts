import { ApiProperty } from '@nestjs/swagger';
import { MAILBOX_AUTH, type MailboxAuth } from './mailbox.dto';

/** A mailbox as admins see it: everything but the secret, which never leaves the API. */
export class MailboxDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() host: string;
  @ApiProperty({ type: 'integer' }) port: number;
  @ApiProperty() tls: boolean;
  @ApiProperty() username: string;
  @ApiProperty({ enum: MAILBOX_AUTH }) auth: MailboxAuth;
  @ApiProperty() folder: string;
  @ApiProperty() paused: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastPolledAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last failure, in words an admin can act on; cleared by the next good poll',
  })
  lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastErrorAt: string | null;
  @ApiProperty({ type: 'integer', description: 'Messages left on the server and listed in quarantine' })
  quarantined: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MailboxTestResultDto {
  @ApiProperty({ description: 'Connected, signed in and opened the folder' }) ok: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'What failed, in words an admin can act on' })
  error: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Messages in the folder' })
  messages: number | null;
  @ApiProperty({ description: 'The server offers IDLE: new mail arrives within seconds' }) idle: boolean;
}

export const QUARANTINE_REASONS = ['too_large', 'unreadable'] as const;

/** A message left on the server, not imported; listed without its content. */
export class QuarantineEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    type: 'integer',
    description: "Its UID in the folder (under the folder's UIDVALIDITY then)",
  })
  uid: number;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ enum: QUARANTINE_REASONS }) reason: (typeof QUARANTINE_REASONS)[number];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
