import { scrubDeep } from '@hushdesk/privacy';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';

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

export function loggerParams(
  level: string,
  destination: DestinationStream = new ScrubbingDestination(),
): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [
      {
        level,
        // Request logs carry method, route and status: never bodies, headers, cookies or query values.
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            path: req.url.split('?')[0],
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
        customLogLevel: (_req, res, err) =>
          err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        autoLogging: { ignore: (req) => req.url === '/api/health' },
        quietReqLogger: true,
      },
      destination,
    ],
  };
}
