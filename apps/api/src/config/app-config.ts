import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DEFAULT_CALENDAR,
  DEFAULT_SLA_TARGETS,
  type BusinessCalendar,
  type SlaTargets,
} from '@hushdesk/ticketing';
import type { S3Settings } from '../blobs/s3-blob-store';
import { ConfigurationError, type EnvironmentVariables } from './environment';
import { parseTrustedProxies } from './trusted-proxies';

/**
 * The resolved configuration the app runs with. Injected by class, so every consumer is typed.
 * Built from the validated environment plus what the launcher decides (the database URL).
 */
export abstract class AppConfig {
  abstract readonly env: 'development' | 'production' | 'test';
  abstract readonly port: number;
  abstract readonly host: string;
  abstract readonly databaseUrl: string;
  abstract readonly dbPoolSize: number;
  abstract readonly dataDir: string;
  abstract readonly webDistDir: string;
  /** Serve /api/docs and /api/docs-json. */
  abstract readonly apiDocs: boolean;
  abstract readonly demo: {
    readonly enabled: boolean;
    readonly password: string;
    /** Seed sample tickets, calls and a DSAR besides the logins. */
    readonly data: boolean;
  };
  abstract readonly jwtSecret: string;
  abstract readonly identifierKey: Buffer;
  abstract readonly accessTokenTtlSeconds: number;
  abstract readonly sessionIdleMinutes: number;
  abstract readonly sessionMaxHours: number;
  abstract readonly cookieSecure: boolean;
  abstract readonly login: { readonly maxFailures: number; readonly windowMinutes: number };
  abstract readonly rateLimitPerMinute: number;
  abstract readonly logLevel: string;
  /** Where log lines go instead of stdout, when set. */
  abstract readonly logFile?: string;
  abstract readonly redisUrl?: string;
  abstract readonly socketRecheckSeconds: number;
  abstract readonly corsOrigins: readonly string[];
  /** Proxies whose X-Forwarded-For names the client (Fastify's trustProxy); empty: none. */
  abstract readonly trustedProxies: readonly string[];
  abstract readonly sla: { readonly calendar: BusinessCalendar; readonly targets: SlaTargets };
  abstract readonly jobsEnabled: boolean;
  /**
   * Set in each process of an API that runs several on one host (API_WORKERS > 1). Only the lead
   * runs what must run once per host: the job workers and the SMTP intake; the others queue jobs.
   */
  abstract readonly worker?: { readonly lead: boolean };
  /** Seconds without a heartbeat before an instance's running jobs go to another (JOB_LEASE_SECONDS). */
  abstract readonly jobLeaseSeconds: number;
  abstract readonly attachmentMaxBytes: number;
  /** Days a released DSAR package's link works. */
  abstract readonly dsarLinkDays: number;
  abstract readonly blobDir: string;
  /** Where blobs live: the file store under `blobDir`, or an S3 bucket (scratch files stay local). */
  abstract readonly blobStore: 'fs' | 's3';
  /** With `blobStore` s3: the bucket and how to reach it. Holds a secret: never log it. */
  abstract readonly s3?: S3Settings;
  abstract readonly mail: {
    /** The SMTP intake's address; undefined: no intake in this process. */
    readonly intake?: { readonly host: string; readonly port: number };
    readonly maxBytes: number;
    /** Outbound relay; undefined: mail is kept in the outbox, not sent. */
    readonly smtpUrl?: string;
    /** The From header, e.g. `Hushdesk Support <support@example.com>`. */
    readonly from: string;
    /** The domain of MAIL_FROM: our Message-IDs end in it. */
    readonly domain: string;
    /** AES-256 key for stored mailbox credentials. */
    readonly credentialsKey: Buffer;
  };
}

interface LocalSecrets {
  jwtSecret: string;
  identifierKey: string;
}

/**
 * Outside production, secrets that were not configured are generated once and kept in DATA_DIR,
 * so sessions and identifier hashes stay valid across restarts of a demo install.
 */
function localSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    identifierKey: randomBytes(48).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

export function buildAppConfig(
  vars: EnvironmentVariables,
  databaseUrl: string,
  opts: { embedded: boolean; worker?: { lead: boolean } },
): AppConfig {
  const dataDir = resolve(vars.DATA_DIR);
  const production = vars.NODE_ENV === 'production';
  const secrets = vars.JWT_SECRET && vars.IDENTIFIER_HMAC_KEY ? undefined : localSecrets(dataDir);
  return {
    env: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    databaseUrl,
    dbPoolSize: vars.DB_POOL_SIZE,
    dataDir,
    webDistDir: resolve(vars.WEB_DIST_DIR),
    apiDocs: vars.API_DOCS ?? !production,
    // Production never seeds, even on the embedded database (validation refuses HUSHDESK_DEMO=1).
    demo: {
      enabled: !production && (vars.HUSHDESK_DEMO ?? opts.embedded),
      password: vars.HUSHDESK_DEMO_PASSWORD,
      data: vars.HUSHDESK_DEMO_DATA,
    },
    jwtSecret: vars.JWT_SECRET ?? (secrets as LocalSecrets).jwtSecret,
    identifierKey: Buffer.from(vars.IDENTIFIER_HMAC_KEY ?? (secrets as LocalSecrets).identifierKey, 'utf8'),
    accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
    sessionIdleMinutes: vars.SESSION_IDLE_MINUTES,
    sessionMaxHours: vars.SESSION_MAX_HOURS,
    cookieSecure: vars.COOKIE_SECURE ?? production,
    login: { maxFailures: vars.LOGIN_MAX_FAILURES, windowMinutes: vars.LOGIN_WINDOW_MINUTES },
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    logLevel: vars.LOG_LEVEL,
    logFile: vars.LOG_FILE ? resolve(vars.LOG_FILE) : undefined,
    redisUrl: vars.REDIS_URL,
    socketRecheckSeconds: vars.SOCKET_RECHECK_SECONDS,
    trustedProxies: parseTrustedProxies(vars.TRUSTED_PROXIES),
    corsOrigins: (vars.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    sla: {
      calendar: vars.SLA_BANK_HOLIDAYS
        ? { ...DEFAULT_CALENDAR, bankHolidays: vars.SLA_BANK_HOLIDAYS.split(',').map((d) => d.trim()) }
        : DEFAULT_CALENDAR,
      targets: parseSlaTargets(vars.SLA_TARGETS),
    },
    jobsEnabled: vars.JOBS_ENABLED,
    worker: opts.worker,
    jobLeaseSeconds: vars.JOB_LEASE_SECONDS,
    attachmentMaxBytes: vars.ATTACHMENT_MAX_BYTES,
    dsarLinkDays: vars.DSAR_LINK_DAYS,
    blobDir: join(dataDir, 'blobs'),
    blobStore: vars.BLOB_STORE,
    s3: vars.BLOB_STORE === 's3' ? s3Settings(vars) : undefined,
    mail: {
      intake:
        vars.MAIL_INTAKE_PORT === undefined
          ? undefined
          : { host: vars.MAIL_INTAKE_HOST, port: vars.MAIL_INTAKE_PORT },
      maxBytes: vars.MAIL_MAX_BYTES,
      smtpUrl: vars.SMTP_URL,
      from: vars.MAIL_FROM,
      domain: /@([^<>@\s]+)>?\s*$/.exec(vars.MAIL_FROM)?.[1] ?? 'hushdesk.local',
      // A key of its own, derived from the identifier key unless one is given: never the HMAC key itself.
      credentialsKey: Buffer.from(
        hkdfSync(
          'sha256',
          vars.MAIL_CREDENTIALS_KEY ?? vars.IDENTIFIER_HMAC_KEY ?? (secrets as LocalSecrets).identifierKey,
          'hushdesk',
          'mailbox credentials',
          32,
        ),
      ),
    },
  };
}

function s3Settings(vars: EnvironmentVariables): S3Settings {
  return {
    endpoint: vars.S3_ENDPOINT,
    bucket: vars.S3_BUCKET as string,
    region: vars.S3_REGION,
    credentials:
      vars.S3_ACCESS_KEY_ID && vars.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: vars.S3_ACCESS_KEY_ID, secretAccessKey: vars.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: vars.S3_FORCE_PATH_STYLE,
  };
}

function parseSlaTargets(json: string | undefined): SlaTargets {
  if (!json) return DEFAULT_SLA_TARGETS;
  let given: Record<string, Partial<SlaTargets[keyof SlaTargets]>>;
  try {
    given = JSON.parse(json);
  } catch {
    throw new ConfigurationError(['SLA_TARGETS must be JSON']);
  }
  const targets = { ...DEFAULT_SLA_TARGETS };
  for (const [priority, target] of Object.entries(given ?? {})) {
    if (!(priority in targets)) throw new ConfigurationError([`SLA_TARGETS: unknown priority ${priority}`]);
    const merged = { ...targets[priority as keyof SlaTargets], ...target };
    if (!(merged.firstResponseMinutes > 0 && merged.resolutionMinutes > 0)) {
      throw new ConfigurationError([`SLA_TARGETS: ${priority} needs positive minutes`]);
    }
    targets[priority as keyof SlaTargets] = merged;
  }
  return targets;
}
