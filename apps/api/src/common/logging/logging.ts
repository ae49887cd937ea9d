import { scrubDeep } from '@hushdesk/privacy';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { LogFile } from './log-file';
import { loggablePath } from './route-template';

/** Keys whose values are never personal data and must stay machine-readable. */
const KEEP = new Set(['time', 'level', 'pid', 'hostname', 'reqId', 'responseTime', 'statusCode']);

/**
 * Every log line passes through here before it is written: all string values have emails and
 * phone numbers masked, whichever code logged them (ours, Nest's, a library's, an error's stack).
 */
export class ScrubbingDestination implements DestinationStream {
  constructor(private readonly out: { write(line: string): unknown } = process.stdout) {}

  write(line: string): void {
    let scrubbed: string;
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      for (const [key, value] of Object.entries(record)) {
        if (!KEEP.has(key)) record[key] = scrubDeep(value);
      }
      scrubbed = JSON.stringify(record) + '\n';
    } catch {
      scrubbed = String(scrubDeep(line));
    }
    this.out.write(scrubbed);
  }
}

/** Where the app's log lines go: stdout, or LOG_FILE; scrubbed either way. */
export function logDestination(logFile?: string): DestinationStream {
  return new ScrubbingDestination(logFile ? new LogFile(logFile) : process.stdout);
}

export function loggerParams(
  level: string,
  destination: DestinationStream = new ScrubbingDestination(),
): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [
      {
        level,
        // Request logs carry method, route pattern and status: never the URL's values, bodies,
        // headers or cookies.
        serializers: {
          req: (req: { id: string; method: string; raw?: IncomingMessage }) => ({
            id: req.id,
            method: req.method,
            path: loggablePath(req.raw),
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
        // A 503 (the database is down) is an outage the health check reports, not a bug: a warning
        // per request, so an outage does not bury real errors.
        customLogLevel: (_req, res, err) =>
          res.statusCode === 503
            ? 'warn'
            : err || res.statusCode >= 500
              ? 'error'
              : res.statusCode >= 400
                ? 'warn'
                : 'info',
        // Middleware sees the URL without its mount path, so compare what the caller sent.
        autoLogging: {
          ignore: (req) => ((req as { originalUrl?: string }).originalUrl ?? req.url) === '/api/health',
        },
        quietReqLogger: true,
        // The request is serialized when the response finishes, once its route is known (see
        // route-template.ts), not bound to the logger when it arrives.
        quietResLogger: true,
        customSuccessObject: (req, _res, fields) => ({ req, ...fields }),
        customErrorObject: (req, _res, _err, fields) => ({ req, ...fields }),
      },
      destination,
    ],
  };
}
