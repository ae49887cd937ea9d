import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@hushdesk/contracts';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app/create-app';
import { buildAppConfig } from '../../apps/api/src/config/app-config';
import { validateEnvironment } from '../../apps/api/src/config/environment';
import { UsersService } from '../../apps/api/src/users/users.service';

const root = resolve(__dirname, '../..');

interface TestRun {
  serverUrl: string;
  template: string;
  runId: string;
  /** A reachable Redis for multi-instance tests, or null on a machine without one. */
  redisUrl: string | null;
}

export function testRun(): TestRun {
  const run = process.env.HUSHDESK_TEST_RUN ?? readFileSync(join(root, '.data/test-run.json'), 'utf8');
  return JSON.parse(run) as TestRun;
}

/** Collects every log line the app writes, so tests can assert nothing personal was logged. */
export class LogCapture {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  get text(): string {
    return this.lines.join('');
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  databaseUrl: string;
  /** supertest bound to the app. */
  http: () => ReturnType<typeof request>;
  /** Direct access to this file's own database, for assertions and setup. */
  db: Pool;
  logs: LogCapture;
  /** Base URL when started with `listen: true`. */
  baseUrl?: string;
  close(): Promise<void>;
}

/** Every test instance's keys, so instances sharing a database accept each other's tokens and hashes. */
export const TEST_SECRETS = {
  JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
  IDENTIFIER_HMAC_KEY: 'test-identifier-key-that-is-long-enough-012345',
};

/** The validated environment every test instance starts from: fixed secrets, a fresh DATA_DIR, no jobs. */
export function testEnvironment(env: Record<string, string> = {}) {
  return validateEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    ...TEST_SECRETS,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hushdesk-test-')),
    WEB_DIST_DIR: join(root, 'dist/apps/web'),
    HUSHDESK_DEMO: '0',
    HUSHDESK_DEMO_DATA: '0',
    JOBS_ENABLED: '0',
    ...env,
  });
}

let counter = 0;

export async function cloneTemplate(run: TestRun): Promise<string> {
  const name = `hushdesk_t_${run.runId}_${process.env.JEST_WORKER_ID ?? 0}_${counter++}_${Date.now().toString(36)}`;
  const client = new Client({ connectionString: run.serverUrl });
  await client.connect();
  try {
    // Two clones of one template at once can collide; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${run.template}"`);
        break;
      } catch (e) {
        if (attempt > 20 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(run.serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startTestApp(
  opts: {
    env?: Record<string, string>;
    listen?: boolean;
    demo?: boolean;
    /** Share another test app's database, to run two instances of the API side by side. */
    databaseUrl?: string;
    /** Configure the app as if it ran on the embedded database (demo mode's default). */
    embedded?: boolean;
    /** With `demo`, also seed the sample helpdesk (tickets, calls, a DSAR); off so tests start clean. */
    demoData?: boolean;
  } = {},
): Promise<TestApp> {
  const databaseUrl = opts.databaseUrl ?? (await cloneTemplate(testRun()));
  const vars = testEnvironment({
    HUSHDESK_DEMO: opts.demo ? '1' : '0',
    HUSHDESK_DEMO_DATA: opts.demoData ? '1' : '0',
    ...opts.env,
  });
  const config = buildAppConfig(vars, databaseUrl, { embedded: opts.embedded ?? false });
  const logs = new LogCapture();
  const app = await createApp(config, { logDestination: logs });
  let baseUrl: string | undefined;
  if (opts.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  return {
    app,
    databaseUrl,
    http: () => request(app.getHttpServer()),
    db,
    logs,
    baseUrl,
    close: async () => {
      await db.end();
      await app.close();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates an account straight through the service (no HTTP), for arranging a test. */
export async function createUser(
  t: TestApp,
  role: Role,
  opts: { email?: string; organisationId?: string; fullName?: string; password?: string } = {},
): Promise<{ id: string; personId: string; email: string; password: string }> {
  const email = opts.email ?? `${role}.${Math.random().toString(36).slice(2, 10)}@example.test`;
  const password = opts.password ?? TEST_PASSWORD;
  let organisationId = opts.organisationId;
  if (role === 'customer' && !organisationId) {
    const { rows } = await t.db.query('INSERT INTO organisations (name) VALUES ($1) RETURNING id', [
      `Org ${Math.random().toString(36).slice(2, 10)}`,
    ]);
    organisationId = rows[0].id;
  }
  const user = await t.app.get(UsersService).create({
    email,
    password,
    role,
    organisationId,
    person: { fullName: opts.fullName ?? `Test ${role}` },
  });
  return { id: user.id, personId: user.personId, email, password };
}

/** Signs in through the API and returns the bearer header for later calls. */
export async function bearerFor(t: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await t.http().post('/api/auth/login').send({ email, password }).expect(200);
  return `Bearer ${res.body.accessToken}`;
}
