import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  validateSync,
} from 'class-validator';
import { TrustedProxiesRule } from './trusted-proxies';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
      ? true
      : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
        ? false
        : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

/**
 * Every environment variable the API reads, validated once at boot.
 * docs/configuration.md lists them; keep the two in step.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** An external PostgreSQL server. Without it, an embedded one runs under DATA_DIR/pg. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(200)
  DB_POOL_SIZE = 10;

  /**
   * API processes on this host, sharing PORT: a whole number (1 to 64), or `auto` for one per core.
   * Unset: 1, a single process as before. Each has its own DB_POOL_SIZE connections and heap cap.
   */
  @Matches(/^(auto|[1-9]|[1-5][0-9]|6[0-4])$/, {
    message: 'API_WORKERS must be auto or a whole number from 1 to 64',
  })
  API_WORKERS = '1';

  @IsString()
  DATA_DIR = '.data';

  @IsString()
  WEB_DIST_DIR = 'dist/apps/web';

  /** Serve the OpenAPI docs (/api/docs, /api/docs-json). Default: on, except in production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'API_DOCS must be 1 or 0 (true/false, on/off)' })
  API_DOCS?: boolean;

  /** Seed the demo organisation and logins into an empty database even when DATABASE_URL is set. Refused in production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  HUSHDESK_DEMO?: boolean;

  @IsString()
  @MinLength(1)
  HUSHDESK_DEMO_PASSWORD = 'hushdesk';

  /** In demo mode, also seed a small living helpdesk (tickets, calls, a DSAR); 0 seeds only the logins. */
  @Transform(toBool)
  @IsBoolean({ message: 'HUSHDESK_DEMO_DATA must be 1 or 0 (true/false, on/off)' })
  HUSHDESK_DEMO_DATA = true;

  /** Signs access tokens. Required in production; otherwise generated once and kept in DATA_DIR. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Keys the HMACs of identifiers (index, suppression list, rate-limit keys). Same rules as JWT_SECRET. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'IDENTIFIER_HMAC_KEY must be at least 32 characters' })
  IDENTIFIER_HMAC_KEY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_MAX_HOURS = 12;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_WINDOW_MINUTES = 15;

  /** Requests per minute per client address, across all routes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 6000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Write the log to this file instead of stdout (errors are still told on stderr). */
  @IsOptional()
  @IsString()
  LOG_FILE?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** How often each instance re-checks the sessions behind its open sockets (ended, expired, changed). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  SOCKET_RECHECK_SECONDS = 30;

  /** Bank holidays for SLA business hours, comma-separated YYYY-MM-DD; replaces the built-in England & Wales list. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(,\s*\d{4}-\d{2}-\d{2})*$/, {
    message: 'SLA_BANK_HOLIDAYS must be comma-separated YYYY-MM-DD dates',
  })
  SLA_BANK_HOLIDAYS?: string;

  /** SLA targets in minutes, JSON like {"P2":{"firstResponseMinutes":240,"resolutionMinutes":510}}; merged over the defaults. */
  @IsOptional()
  @IsString()
  SLA_TARGETS?: string;

  /** Background jobs (pg-boss) in this process. Off in tests that do not need them. */
  @Transform(toBool)
  @IsBoolean()
  JOBS_ENABLED = true;

  /** Seconds without a heartbeat after which an instance's running jobs are retried elsewhere. */
  @Transform(toInt)
  @IsInt({ message: 'JOB_LEASE_SECONDS must be a whole number of seconds' })
  @Min(4)
  @Max(3600)
  JOB_LEASE_SECONDS = 20;

  /** Largest attachment accepted, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * Comma-separated addresses or CIDR ranges of the reverse proxies in front of the API (or
   * `loopback`, `linklocal`, `uniquelocal`). Only a request from one of them has its
   * X-Forwarded-For read for the client's address; by default none is trusted.
   */
  @IsOptional()
  @Validate(TrustedProxiesRule)
  TRUSTED_PROXIES?: string;

  /** Days a released DSAR package's download link works (the package itself is kept 30 days). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  DSAR_LINK_DAYS = 7;

  /** Opens the SMTP intake on this port, for the company's mail server to relay support mail to. Unset: no intake. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MAIL_INTAKE_PORT must be a port number' })
  @Min(0)
  @Max(65535)
  MAIL_INTAKE_PORT?: number;

  @IsString()
  MAIL_INTAKE_HOST = '127.0.0.1';

  /** Largest mail accepted, raw, in bytes: larger is refused at SMTP (552) and quarantined from IMAP. */
  @Transform(toInt)
  @IsInt()
  @Min(64 * 1024)
  MAIL_MAX_BYTES = 25 * 1024 * 1024;

  /** The relay outbound mail goes through. Unset: mail is rendered and kept in the outbox, not sent. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The From of every mail Hushdesk sends; its domain names our Message-IDs. */
  @Matches(/^(.*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
    message: 'MAIL_FROM must be an address, optionally with a name: Support <support@example.com>',
  })
  MAIL_FROM = 'Hushdesk Support <support@hushdesk.local>';

  /** Encrypts stored mailbox passwords and tokens (32+ characters). Default: derived from IDENTIFIER_HMAC_KEY. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MAIL_CREDENTIALS_KEY must be at least 32 characters' })
  MAIL_CREDENTIALS_KEY?: string;

  /** Where blobs (attachments, call audio, DSAR packages) live: `fs` under DATA_DIR/blobs, or `s3`. */
  @IsIn(['fs', 's3'], { message: 'BLOB_STORE must be fs or s3' })
  BLOB_STORE: 'fs' | 's3' = 'fs';

  /** The S3-compatible store's URL (MinIO, Ceph...); unset: AWS itself, by S3_REGION. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'S3_ENDPOINT must be an http:// or https:// URL' })
  S3_ENDPOINT?: string;

  /** The bucket blobs go in, created beforehand. Required with BLOB_STORE=s3. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET must be a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)',
  })
  S3_BUCKET?: string;

  @Matches(/^[a-z0-9-]+$/, { message: 'S3_REGION must be a region name such as eu-west-1' })
  S3_REGION = 'us-east-1';

  /** With S3_SECRET_ACCESS_KEY; both unset: the AWS SDK's default chain (instance role, AWS_* variables). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Address the bucket in the path (`endpoint/bucket/key`), as MinIO-style servers need. */
  @Transform(toBool)
  @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be 1 or 0 (true/false, on/off)' })
  S3_FORCE_PATH_STYLE = false;

  /** Comma-separated origins allowed to call the API from a browser; same-origin needs none. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;
}

export const ENVIRONMENT_KEYS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DB_POOL_SIZE',
  'API_WORKERS',
  'DATA_DIR',
  'WEB_DIST_DIR',
  'API_DOCS',
  'HUSHDESK_DEMO',
  'HUSHDESK_DEMO_PASSWORD',
  'HUSHDESK_DEMO_DATA',
  'JWT_SECRET',
  'IDENTIFIER_HMAC_KEY',
  'ACCESS_TOKEN_TTL_SECONDS',
  'SESSION_IDLE_MINUTES',
  'SESSION_MAX_HOURS',
  'COOKIE_SECURE',
  'LOGIN_MAX_FAILURES',
  'LOGIN_WINDOW_MINUTES',
  'RATE_LIMIT_PER_MINUTE',
  'LOG_LEVEL',
  'LOG_FILE',
  'REDIS_URL',
  'SOCKET_RECHECK_SECONDS',
  'CORS_ORIGINS',
  'TRUSTED_PROXIES',
  'DSAR_LINK_DAYS',
  'SLA_BANK_HOLIDAYS',
  'SLA_TARGETS',
  'JOBS_ENABLED',
  'JOB_LEASE_SECONDS',
  'ATTACHMENT_MAX_BYTES',
  'MAIL_INTAKE_PORT',
  'MAIL_INTAKE_HOST',
  'MAIL_MAX_BYTES',
  'SMTP_URL',
  'MAIL_FROM',
  'MAIL_CREDENTIALS_KEY',
  'BLOB_STORE',
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
] as const satisfies readonly (keyof EnvironmentVariables)[];

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Parses and validates the environment, naming every bad variable at once. */
export function validateEnvironment(env: Record<string, string | undefined>): EnvironmentVariables {
  const picked: Record<string, string> = {};
  for (const key of ENVIRONMENT_KEYS) {
    // Empty strings mean "unset", as in most shells' `VAR= cmd`.
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = plainToInstance(EnvironmentVariables, picked);
  const errors = validateSync(parsed, { skipMissingProperties: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)),
  );
  if (parsed.NODE_ENV === 'production') {
    if (!parsed.JWT_SECRET) problems.push('JWT_SECRET is required in production');
    if (!parsed.IDENTIFIER_HMAC_KEY) problems.push('IDENTIFIER_HMAC_KEY is required in production');
    if (parsed.JWT_SECRET && parsed.JWT_SECRET === parsed.IDENTIFIER_HMAC_KEY) {
      problems.push('IDENTIFIER_HMAC_KEY must differ from JWT_SECRET');
    }
    // Demo accounts share a published password: never on a production install.
    if (parsed.HUSHDESK_DEMO === true) {
      problems.push(
        'HUSHDESK_DEMO=1 is refused in production: demo accounts share a published password (unset it, or try the demo with NODE_ENV=development)',
      );
    }
  }
  problems.push(...s3Problems(parsed));
  if (problems.length) throw new ConfigurationError(problems);
  return parsed;
}

/** What BLOB_STORE=s3 needs besides each variable's own shape. */
function s3Problems(vars: EnvironmentVariables): string[] {
  if (vars.BLOB_STORE !== 's3') return [];
  const problems: string[] = [];
  if (!vars.S3_BUCKET) problems.push('S3_BUCKET is required with BLOB_STORE=s3');
  if (!vars.S3_ACCESS_KEY_ID !== !vars.S3_SECRET_ACCESS_KEY) {
    problems.push(
      vars.S3_ACCESS_KEY_ID
        ? 'S3_SECRET_ACCESS_KEY is required with S3_ACCESS_KEY_ID'
        : 'S3_ACCESS_KEY_ID is required with S3_SECRET_ACCESS_KEY',
    );
  }
  return problems;
}
