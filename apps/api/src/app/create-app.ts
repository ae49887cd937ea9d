import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { Logger } from 'nestjs-pino';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { registerCsrfProtection } from '../common/http/csrf';
import { AllExceptionsFilter, respondWithError } from '../common/http/exception.filter';
import { SpaFallback } from '../common/http/spa-fallback';
import { createValidationPipe } from '../common/validation/validation-pipe';
import { AppConfig } from '../config/app-config';
import { SchemaMigrator } from '../database/schema-migrator';
import { SlaSettings } from '../sla/sla-settings.service';
import { DemoSeed } from '../demo/demo-seed.service';
import { JobScheduler } from '../jobs/job-scheduler.service';
import { RealtimeIoAdapter } from '../realtime/redis-io.adapter';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi-document';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const BODY_LIMIT_BYTES = 1024 * 1024;
const AUDIO_ROUTE = '/api/recordings/:id/audio';
const MULTIPART_ROUTES = new Set(['/api/tickets/:id/attachments', '/api/tickets/:id/draft/attachments']);
const API_PATH = /^\/api(\/|\?|$)/;

// The web app is built by Vite with no inline scripts, so scripts can be 'self' only.
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

/**
 * Builds the whole HTTP app: Fastify, security headers, validation, the error filter, OpenAPI and
 * the web app's static files. Runs migrations and the demo seed before returning. `main.ts` and
 * the tests both use this, so tests exercise exactly what production runs.
 */
export async function createApp(
  config: AppConfig,
  opts: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // request.ip is the client behind a configured proxy; anyone else's X-Forwarded-For is ignored.
    trustProxy: config.trustedProxies.length ? [...config.trustedProxies] : false,
    // A caller's correlation id is reused only when it is a plain UUID (no log injection).
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && UUID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // The router's own refusals (a malformed or over-long URL) leave in the one error shape too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      respondWithError(reply, request, {
        status: error.statusCode === 414 ? 414 : 400,
        message:
          error.statusCode === 414 ? 'a path segment is longer than 100 characters' : 'the URL is not valid',
      }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, opts.logDestination),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');

  // Security headers from helmet, built once: @fastify/helmet rebuilt the middleware, and parsed
  // the CSP again, on every request (2.4% of the API's CPU under the queue benchmark).
  const securityHeaders = helmet({ contentSecurityPolicy: { directives: CSP } });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
  });
  const io = new RealtimeIoAdapter(app, config.redisUrl, config.worker !== undefined);
  await io.connect();
  app.useWebSocketAdapter(io);
  if (config.corsOrigins.length) app.enableCors({ origin: [...config.corsOrigins], credentials: true });

  const spa = new SpaFallback(config.webDistDir);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(spa, app.get(Logger)));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error) => {
      done(error as Error | undefined);
    });
  });
  // A phone system's call log arrives as CSV text.
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  // Call audio arrives as a raw body, larger than the JSON limit: handed on unread, so the route
  // streams it to a scratch file (and enforces its limit) instead of holding it in memory.
  // No other route reads such a body.
  fastify.addContentTypeParser(
    /^(audio\/[a-z0-9.+-]+|application\/octet-stream)$/,
    (request, payload, done) => {
      if (request.routeOptions.url === AUDIO_ROUTE) return done(null, payload);
      const refused = Object.assign(new Error('content type is not supported'), {
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        statusCode: 415,
      });
      done(refused, undefined);
    },
  );
  // Evidence of a third party's authority for a data-subject request (a scan or a photo).
  fastify.addContentTypeParser(
    /^(application\/pdf|image\/png|image\/jpeg)$/,
    { parseAs: 'buffer', bodyLimit: config.attachmentMaxBytes },
    (_request, body, done) => done(null, body),
  );
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-correlation-id', request.id);
    // API answers carry personal data: no browser cache or proxy may keep a copy. Downloads say
    // so again themselves; fingerprinted web assets outside /api stay cacheable.
    if (API_PATH.test(request.url)) void reply.header('cache-control', 'no-store');
    done();
  });
  registerCsrfProtection(fastify, { secret: config.jwtSecret, corsOrigins: config.corsOrigins });
  // Multipart is parsed for uploads only; elsewhere its parts would never be read and the route
  // would run as if sent an empty body.
  fastify.addHook('preValidation', (request, reply, done) => {
    if (request.isMultipart() && !MULTIPART_ROUTES.has(request.routeOptions.url ?? '')) {
      respondWithError(reply, request, {
        status: 415,
        message: 'content type is not supported; send application/json',
      });
      return;
    }
    done();
  });
  if (spa.available) {
    await app.register(fastifyStatic, {
      root: config.webDistDir,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        // Vite fingerprints assets, so they can be cached for good.
        if (path.includes('/assets/'))
          void reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }

  // The docs map every route and body: served only where configured (off in production by default).
  if (config.apiDocs) {
    const document = buildOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }

  await app.init();
  await fastify.ready();
  await app.get(SchemaMigrator).migrate();
  await app.get(SlaSettings).start();
  await app.get(DemoSeed).seedIfEmpty();
  await app.get(JobScheduler).start();
  return app;
}
