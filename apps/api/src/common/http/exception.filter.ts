import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  type LoggerService,
} from '@nestjs/common';
import type { ApiErrorBodyDto } from './api-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { BlobStoreUnavailableError } from '../../blobs/blob-errors';
import { DOMAIN_ERROR_STATUS, DomainError, DomainErrorCode } from '../errors/domain-error';
import { ValidationFailedException } from '../validation/validation-pipe';
import { SpaFallback } from './spa-fallback';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// Fastify's own errors (body parsing, limits) that are the caller's fault, with a message we control.
const FASTIFY_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'body is empty but the content type is JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body is larger than the 1 MB limit'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'content type is not supported; send application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'content-length does not match the body'],
};

// PostgreSQL error classes that mean "the database is not reachable right now", not "bad request".
const UNAVAILABLE_PG_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '53300',
]);
const UNAVAILABLE_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

interface Mapped {
  status: number;
  message: string;
  fields?: Record<string, string[]>;
  retryAfter?: number;
}

/**
 * The one exception filter. Every error leaves as `{statusCode, error, message, correlationId}`;
 * stack traces, SQL and driver messages stay in the (scrubbed) log.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(
    private readonly spa?: SpaFallback,
    /** The app's logger, passed in: the filter is built before Nest's static logger is wired. */
    private readonly logger: LoggerService = new Logger('HTTP'),
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (cutOffByClient(request, exception)) {
      // The sender went away mid-body: nothing to answer and no fault of ours; what it started was rolled back.
      this.logger.log({ msg: 'request cut off by the client', reqId: request.id }, 'HTTP');
      respondWithError(reply, request, {
        status: 400,
        message: 'The request was cut off before its body ended',
      });
      return;
    }
    const mapped = this.map(exception);

    if (mapped.status === 404 && this.spa?.serves(request)) {
      this.spa.send(reply);
      return;
    }
    const unavailable =
      isDatabaseUnavailable(exception) ||
      (exception instanceof DomainError && exception.code === DomainErrorCode.Unavailable);
    if (mapped.status === 503 && unavailable) {
      // Expected while the database (or object store) restarts, and one per request: a line each, not a stack each.
      const { code, message } = loggable(
        exception instanceof BlobStoreUnavailableError ? exception.cause : exception,
      );
      const msg =
        exception instanceof BlobStoreUnavailableError ? 'object store unavailable' : 'database unavailable';
      this.logger.warn({ msg, err: { code, message }, reqId: request.id }, 'HTTP');
    } else if (mapped.status >= 500) {
      this.logger.error({ msg: 'request failed', err: loggable(exception), reqId: request.id }, 'HTTP');
    }
    respondWithError(reply, request, mapped);
  }

  private map(exception: unknown): Mapped {
    if (exception instanceof ValidationFailedException) {
      return { status: 400, message: exception.message, fields: exception.fields };
    }
    if (exception instanceof DomainError) {
      return {
        status: DOMAIN_ERROR_STATUS[exception.code],
        message: exception.message,
        fields: exception.details.fields,
        retryAfter: exception.details.retryAfterSeconds,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      let message =
        typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      if (Array.isArray(message)) message = message.join('; ');
      if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /.test(String(message))) {
        message = 'No such route';
      }
      if (status === 429) message = 'Too many requests; slow down and try again shortly';
      return { status, message: status >= 500 ? 'Internal server error' : String(message) };
    }
    const fastifyCode = (exception as { code?: string })?.code;
    if (fastifyCode && FASTIFY_ERRORS[fastifyCode]) {
      const [status, message] = FASTIFY_ERRORS[fastifyCode];
      return { status, message };
    }
    const statusCode = (exception as { statusCode?: number })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return { status: statusCode, message: REASONS[statusCode] ?? 'Bad request' };
    }
    if (isUnstorableText(exception)) {
      return { status: 400, message: 'text contains a character that cannot be stored (such as NUL)' };
    }
    if (isDatabaseUnavailable(exception)) {
      return { status: 503, message: 'The database is unavailable; try again shortly', retryAfter: 5 };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  }
}

/**
 * What of an unexpected error goes to the log: its type, code, message and stack. Never the
 * driver's `detail` or a query's `parameters`, which carry the submitted values (names, emails).
 */
export function loggable(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { type: typeof exception };
  const driver =
    exception instanceof QueryFailedError ? (exception.driverError as { code?: unknown }) : undefined;
  const code = (exception as { code?: unknown }).code ?? driver?.code;
  return { type: exception.name, code, message: exception.message, stack: exception.stack };
}

// Input PostgreSQL cannot hold as text (a NUL, an invalid byte sequence) that got past validation,
// e.g. in a raw CSV body: the caller's fault, and the statement failed, so nothing was written.
const UNSTORABLE_TEXT_PG_CODES = new Set(['22021', '22P05']);

function isUnstorableText(exception: unknown): boolean {
  if (!(exception instanceof QueryFailedError)) return false;
  const code = (exception.driverError as { code?: string } | undefined)?.code;
  return code !== undefined && UNSTORABLE_TEXT_PG_CODES.has(code);
}

const CLIENT_GONE_CODES = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'ECONNABORTED']);

/** The body stream failed because the client's connection closed, not because of a dependency. */
function cutOffByClient(request: FastifyRequest, exception: unknown): boolean {
  const code = (exception as { code?: string } | null)?.code;
  return code !== undefined && CLIENT_GONE_CODES.has(code) && (request.raw.destroyed || request.raw.aborted);
}

export function isDatabaseUnavailable(exception: unknown): boolean {
  const err = (exception instanceof QueryFailedError ? exception.driverError : exception) as {
    code?: string;
    message?: string;
  };
  if (!err) return false;
  if (err.code && (UNAVAILABLE_PG_CODES.has(err.code) || UNAVAILABLE_NET_CODES.has(err.code))) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(
    err.message ?? '',
  );
}

export function respondWithError(reply: FastifyReply, request: FastifyRequest, mapped: Mapped): void {
  const body: ApiErrorBodyDto = {
    statusCode: mapped.status,
    error: REASONS[mapped.status] ?? 'Error',
    message: mapped.message,
    correlationId: String(request.id),
    ...(mapped.fields ? { fields: mapped.fields } : {}),
  };
  if (mapped.retryAfter) void reply.header('retry-after', String(mapped.retryAfter));
  // Also for refusals made before any hook runs (a malformed URL): an error is never cached either.
  void reply
    .status(mapped.status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(body);
}
