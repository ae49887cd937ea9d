import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

const ROUTE_TEMPLATE = Symbol.for('hushdesk.routeTemplate');

type RawRequest = IncomingMessage & { [ROUTE_TEMPLATE]?: string; originalUrl?: string };

/**
 * What a request log names: the matched route's pattern (`/api/people/:id`), never the URL. Path
 * parameters are caller data: an email typed where an id belongs, a field name, a DSAR download
 * token. An unmatched URL keeps only its `/api` prefix.
 */
export function loggablePath(raw: IncomingMessage | undefined): string {
  const request = raw as RawRequest | undefined;
  const template = request?.[ROUTE_TEMPLATE];
  if (template) return template;
  // Middleware sees `url` stripped of its mount path; `originalUrl` is what the caller sent.
  return (request?.originalUrl ?? request?.url ?? '').startsWith('/api/') ? '/api/*' : '/*';
}

/**
 * Keeps Fastify's matched route pattern on the raw request, where the request logger (pino-http,
 * which sees only the raw request) can read it when the response finishes. The logger's
 * middleware runs before this hook, so the request is serialized at the end, not the start.
 */
@Injectable()
export class RouteTemplateHook implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    // Hooks added before Fastify is ready apply to every route, including those already declared.
    fastify?.addHook?.('onRequest', (request, _reply, done) => {
      (request.raw as RawRequest)[ROUTE_TEMPLATE] = request.routeOptions?.url;
      done();
    });
  }
}
