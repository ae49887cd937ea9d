import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@hushdesk/contracts';

type WithHeaders = { headers: Record<string, unknown> };

/** The `Set-Cookie` line for one cookie of a response, if it set that cookie. */
export function setCookieLine(res: WithHeaders, name: string): string | undefined {
  const raw = ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
  return raw.find((c) => c.startsWith(`${name}=`));
}

function valueOf(res: WithHeaders, name: string): string {
  const line = setCookieLine(res, name);
  if (!line) throw new Error(`the response set no ${name} cookie`);
  return line.split(';')[0].slice(name.length + 1);
}

/**
 * The headers a browser would send after this sign-in: both cookies, and the CSRF header the web
 * app copies from the readable one. `withCsrf: false` plays a cross-site page, which cannot read it.
 */
export function browserSession(res: WithHeaders, opts: { withCsrf?: boolean } = {}): Record<string, string> {
  const session = valueOf(res, SESSION_COOKIE);
  const csrf = valueOf(res, CSRF_COOKIE);
  return {
    cookie: `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${csrf}`,
    ...(opts.withCsrf === false ? {} : { [CSRF_HEADER]: csrf }),
  };
}
