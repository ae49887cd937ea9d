import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@hushdesk/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { respondWithError } from './exception.filter';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Signing in uses no session cookie, so there is nothing to forge; its Origin is still checked.
const TOKEN_EXEMPT = new Set(['/api/auth/login']);

/**
 * The CSRF token of a session: an HMAC of its cookie token, so it needs no storage, dies with the
 * session, and cannot be derived by anyone who cannot read the cookie.
 */
export function csrfTokenFor(secret: string, sessionCookieToken: string): string {
  return createHmac('sha256', `csrf:${secret}`).update(sessionCookieToken).digest('base64url');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The request comes from a page on this host, or from an origin the CORS allowlist names. The one
 * check for HTTP writes and for the socket.io handshake (whose headers are those of its upgrade).
 */
export function originAllowed(
  headers: Pick<IncomingHttpHeaders, 'origin' | 'host'>,
  allowlist: readonly string[],
): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true; // not a browser, or a same-origin GET-like navigation
  if (allowlist.includes(origin)) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/**
 * Two layers against cross-site writes, on top of the SameSite=Strict cookie:
 * - a browser's write from a foreign Origin is refused, whatever it authenticates with;
 * - a write authenticated by the session cookie (no Authorization header) must echo the CSRF token.
 * Bearer-token callers are not exposed to CSRF: a browser never attaches that header by itself.
 */
export function registerCsrfProtection(
  fastify: FastifyInstance,
  opts: { secret: string; corsOrigins: readonly string[] },
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method)) return done();
    if (!originAllowed(request.headers, opts.corsOrigins)) {
      respondWithError(reply, request, {
        status: 403,
        message: 'Cross-site request refused: origin not allowed',
      });
      return;
    }
    const sessionCookie = request.cookies?.[SESSION_COOKIE];
    const path = request.url.split('?')[0];
    if (!sessionCookie || request.headers.authorization || TOKEN_EXEMPT.has(path)) return done();
    const given = request.headers[CSRF_HEADER];
    if (typeof given !== 'string' || !sameToken(given, csrfTokenFor(opts.secret, sessionCookie))) {
      respondWithError(reply, request, {
        status: 403,
        message: `Missing or invalid CSRF token: send the ${CSRF_HEADER} header with the value of the ${CSRF_COOKIE} cookie`,
      });
      return;
    }
    done();
  });
}
