import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { relative, resolve } from 'node:path';
import { createApp } from './app/create-app';
import {
  WORKER_EMBEDDED_VAR,
  reportListening,
  runPrimary,
  workerCount,
  workerRole,
} from './cluster/api-workers';
import { isDatabaseUnavailable, loggable } from './common/http/exception.filter';
import { stopTellingErrors } from './common/logging/log-file';
import { buildAppConfig } from './config/app-config';
import { ConfigurationError, validateEnvironment } from './config/environment';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { DemoSeed, mailIntakeLines } from './demo/demo-seed.service';
import { SmtpIntake } from './mail/intake/smtp-intake.service';

// Start-up messages go to stderr/stdout directly: the logger does not exist yet, and none of this
// is personal data.
const say = (line: string) => process.stderr.write(`[hushdesk] ${line}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  let vars;
  try {
    vars = validateEnvironment(process.env);
  } catch (e) {
    if (e instanceof ConfigurationError) {
      say(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }

  const worker = workerRole();
  const workers = workerCount(vars.API_WORKERS);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = vars.DATABASE_URL;
  if (!databaseUrl) {
    const dir = resolve(vars.DATA_DIR, 'pg');
    say(`No DATABASE_URL: starting the embedded PostgreSQL in ${relative(process.cwd(), dir) || dir}`);
    embedded = await startEmbeddedPostgres({ dir });
    databaseUrl = embedded.url;
  }

  if (!worker && workers > 1) {
    // The primary: one embedded database (started above) for all, the workers do the rest.
    say(`Starting ${workers} API workers on port ${vars.PORT}`);
    const env: Record<string, string> = { DATABASE_URL: databaseUrl };
    if (embedded) env[WORKER_EMBEDDED_VAR] = '1';
    await runPrimary({ workers, env, say, onStopped: async () => embedded?.stop() });
    return;
  }

  const config = buildAppConfig(vars, databaseUrl, {
    embedded: embedded !== undefined || process.env[WORKER_EMBEDDED_VAR] === '1',
    worker,
  });
  // Opt-outs from production's defaults are allowed, but said out loud at every start.
  if (config.env === 'production' && !config.cookieSecure) {
    say('COOKIE_SECURE=false: session cookies also go over plain HTTP (for tests only, never for real use)');
  }
  if (config.env === 'production' && config.apiDocs) say('API_DOCS is on: /api/docs is public');
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received: stopping`);
    try {
      await app?.close();
    } finally {
      await embedded?.stop().catch(() => undefined);
      process.exit(exitCode);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopTellingErrors();
      void shutdown(signal);
    });
  }
  // A library's promise nobody awaited (pg-boss completing a job while the database restarts) must
  // not take the API down: that one is logged and the job is retried. Anything else leaves the
  // process in a state we do not know, so it stops and the supervisor restarts it.
  process.on('unhandledRejection', (reason) => {
    const logger = new Logger('Process');
    if (isDatabaseUnavailable(reason)) {
      logger.warn({
        msg: 'unawaited database call failed while the database was unavailable',
        err: loggable(reason),
      });
      return;
    }
    logger.error({ msg: 'unhandled rejection: stopping', err: loggable(reason) });
    void shutdown('unhandledRejection', 1);
  });

  try {
    app = await createApp(config);
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await embedded?.stop().catch(() => undefined);
    throw e;
  }
  await reportListening();
  // Of several workers, only the lead talks: the others would print the same lines again.
  if (worker?.lead === false) return;
  say(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The port actually bound (PORT=0 picks a free one), on the host a browser can open.
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
  const intake = app.get(SmtpIntake).address();
  if (config.demo.enabled) app.get(DemoSeed).printLogins(`http://${host}:${port}`, intake);
  else if (intake) for (const line of mailIntakeLines(intake)) say(line.trim());
}

main().catch((e: unknown) => {
  say(`Failed to start: ${e instanceof Error ? e.message : String(e)}`);
  // A setting checked against a service at start (the object store's bucket and keys) is still configuration.
  process.exit(e instanceof ConfigurationError ? 78 : 1);
});
