import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EnumField, IntField, TextField } from '../../../common/validation/fields';

export const MAILBOX_AUTH = ['password', 'oauth2'] as const;
export type MailboxAuth = (typeof MAILBOX_AUTH)[number];

/** A host name or an IP address: no scheme, path, port, user or spaces. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[?[0-9A-Fa-f:.]+\]?)$/;
/** No control characters (a folder or user name travels inside IMAP commands). */
const PRINTABLE = /^[^\p{Cc}]*$/u;

const HostField = (optional: boolean) =>
  applyDecorators(
    TextField({
      optional,
      max: 255,
      description: 'Host name or IP address of the IMAP server, without scheme or port',
      example: 'imap.example.com',
    }),
    Matches(HOST, { message: 'host must be a host name or IP address, without a scheme, port or spaces' }),
  );
const FolderField = (optional: boolean) =>
  applyDecorators(
    TextField({
      optional,
      max: 255,
      description: 'The folder to import from (default INBOX)',
      example: 'INBOX',
    }),
    Matches(PRINTABLE, { message: 'folder must not contain control characters' }),
  );
const UsernameField = (optional: boolean) =>
  applyDecorators(
    TextField({
      optional,
      max: 320,
      description: 'The account to sign in as',
      example: 'support@example.com',
    }),
    Matches(PRINTABLE, { message: 'username must not contain control characters' }),
  );
const NameField = (optional: boolean) =>
  applyDecorators(
    TextField({ optional, max: 100, description: 'What admins call this mailbox', example: 'Support inbox' }),
    Matches(PRINTABLE, { message: 'name must not contain control characters' }),
  );
/** Write-only: stored encrypted, never returned. Not trimmed: spaces may be part of a password. */
const SecretField = (optional: boolean) =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({
      type: String,
      format: 'password',
      writeOnly: true,
      minLength: 1,
      maxLength: 8192,
      description: 'The password, or the OAuth 2 access token when auth is oauth2. Write-only',
    }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    IsNotEmpty({ message: 'secret is required' }),
    MaxLength(8192),
  );
const TlsField = (optional: boolean) =>
  applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({
      type: Boolean,
      description: 'Implicit TLS (IMAPS, usually port 993); false: plain, upgraded by STARTTLS where offered',
    }),
    ...(optional ? [IsOptional()] : []),
    IsBoolean(),
  );
const PortField = (optional: boolean) =>
  IntField({ optional, min: 1, max: 65_535, description: 'Usually 993 with TLS, 143 without', example: 993 });

export class CreateMailboxDto {
  @NameField(false) name: string;
  @HostField(false) host: string;
  @PortField(false) port: number;
  @TlsField(false) tls: boolean;
  @UsernameField(false) username: string;
  @EnumField(MAILBOX_AUTH, { optional: true, description: 'Default password' }) auth?: MailboxAuth;
  @SecretField(false) secret: string;
  @FolderField(true) folder?: string;
}

/** Any of the fields, plus `paused`; `secret` only replaces the stored one. `null` clears nothing here. */
export class UpdateMailboxDto {
  @NameField(true) name?: string;
  @HostField(true) host?: string;
  @PortField(true) port?: number;
  @TlsField(true) tls?: boolean;
  @UsernameField(true) username?: string;
  @EnumField(MAILBOX_AUTH, { optional: true }) auth?: MailboxAuth;
  @SecretField(true) secret?: string;
  @FolderField(true) folder?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'A paused mailbox is not polled' })
  @IsOptional()
  @IsBoolean()
  paused?: boolean;
}
