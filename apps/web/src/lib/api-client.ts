/**
 * The one place in the web app that talks HTTP. Features call the API through `client`, generated
 * from the OpenAPI document (`@hushdesk/api-client`), from their own `api/` modules, and components
 * reach those only through hooks.
 *
 * Authentication is an httpOnly session cookie set by the API, so requests carry
 * `credentials: 'same-origin'` and the app never sees or stores a token. Writes echo the
 * readable CSRF cookie in a header, which another site cannot do.
 */
import type { paths, Schemas } from '@hushdesk/api-client';
import { CSRF_COOKIE, CSRF_HEADER } from '@hushdesk/contracts';
import createClient, { createFinalURL, defaultPathSerializer, type Middleware } from 'openapi-fetch';

export type FieldErrors = Record<string, string[]>;

/** A failed API call: a non-2xx answer, or no answer at all (`status` 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** The HTTP reason phrase from the body (`Bad Request`, `Conflict`...), if any. */
  readonly error: string | undefined;
  /** Per-field validation messages, keyed by dotted path (`person.fullName`). Empty when none. */
  readonly fields: FieldErrors;
  /** Quote this to support so they can find the request in the logs. */
  readonly correlationId: string | undefined;

  constructor(
    status: number,
    message: string,
    options: { error?: string; fields?: FieldErrors; correlationId?: string } = {},
  ) {
    super(message);
    this.status = status;
    this.error = options.error;
    this.fields = options.fields ?? {};
    this.correlationId = options.correlationId;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// ---------------------------------------------------------------------------
// Session expiry: a 401 on an ordinary call means the cookie has lapsed.
// ---------------------------------------------------------------------------

type SessionExpiredListener = () => void;
const sessionExpiredListeners = new Set<SessionExpiredListener>();

/** Subscribe to "the session has expired"; returns the unsubscribe function. */
export function onSessionExpired(listener: SessionExpiredListener): () => void {
  sessionExpiredListeners.add(listener);
  return () => {
    sessionExpiredListeners.delete(listener);
  };
}

/**
 * Calls where a 401 is an expected answer rather than an expired session: a wrong password,
 * "not signed in", and signing out of a session that has already gone.
 */
const SESSION_PROBE_PATHS: ReadonlySet<keyof paths> = new Set<keyof paths>([
  '/api/auth/login',
  '/api/auth/me',
  '/api/auth/logout',
]);

function notifySessionExpired(): void {
  for (const listener of sessionExpiredListeners) listener();
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

const DEFAULT_MESSAGES: Record<number, string> = {
  0: 'Hushdesk could not be reached. Check your connection and try again.',
  400: 'Some of the details are not valid. Please check them and try again.',
  401: 'You need to sign in to continue.',
  403: 'You do not have permission to do that.',
  404: 'We could not find what you were looking for.',
  409: 'That conflicts with something that already exists.',
  413: 'That is too large to send.',
  415: 'That type of file is not accepted.',
  429: 'Too many attempts. Please wait a moment and try again.',
};

function defaultMessage(status: number): string {
  return (
    DEFAULT_MESSAGES[status] ??
    (status >= 500
      ? 'Something went wrong on our side. Please try again in a moment.'
      : `The request failed (HTTP ${String(status)}).`)
  );
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function normaliseFields(raw: unknown): FieldErrors | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const fields: FieldErrors = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(value)) fields[key] = value.map(String);
    else if (typeof value === 'string') fields[key] = [value];
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function toApiError(status: number, body: unknown): ApiError {
  const errorBody = (body && typeof body === 'object' ? body : {}) as Partial<
    Omit<Schemas['ApiErrorBodyDto'], 'message'> & { message: unknown }
  >;
  const rawMessage = errorBody.message;
  const message =
    typeof rawMessage === 'string' && rawMessage.trim()
      ? rawMessage
      : Array.isArray(rawMessage) && rawMessage.length > 0
        ? rawMessage.map(String).join(' ')
        : defaultMessage(status);
  return new ApiError(status, message, {
    error: typeof errorBody.error === 'string' ? errorBody.error : undefined,
    fields: normaliseFields(errorBody.fields),
    correlationId: typeof errorBody.correlationId === 'string' ? errorBody.correlationId : undefined,
  });
}

/** No answer at all: a network failure becomes status 0; an abort stays an abort for the caller. */
function networkError(cause: unknown): Error {
  if (cause instanceof DOMException && cause.name === 'AbortError') return cause;
  return new ApiError(0, defaultMessage(0));
}

// ---------------------------------------------------------------------------
// Cookies
// ---------------------------------------------------------------------------

/** The session's CSRF token, from the readable cookie the API sets beside the session cookie. */
function csrfToken(): string | undefined {
  const prefix = `${CSRF_COOKIE}=`;
  const entry = document.cookie.split('; ').find((c) => c.startsWith(prefix));
  return entry ? decodeURIComponent(entry.slice(prefix.length)) : undefined;
}

/**
 * Whether this browser holds a session at all. The readable CSRF cookie is set and cleared with the
 * session cookie and lives as long, so without it there is nothing to ask the API about, and a
 * signed-out visit makes no request that can only answer 401 (which the console would report).
 */
export function hasSessionCookie(): boolean {
  return csrfToken() !== undefined;
}

// ---------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------

type QueryValue = string | number | boolean | null | undefined;

/** `null`/`undefined`/empty values are left out. */
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value as QueryValue));
  }
  return params.toString();
}

/** JSON, except a `FormData` (multipart, the browser sets its boundary) or a `Blob`, sent as they are. */
function serializeBody(body: unknown): BodyInit {
  return body instanceof FormData || body instanceof Blob ? body : JSON.stringify(body);
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method === 'GET') return;
    const token = csrfToken();
    if (token) request.headers.set(CSRF_HEADER, token);
  },
};

/** Every failure becomes an `ApiError`, so callers get the answer's body or a thrown error. */
const errors: Middleware = {
  async onResponse({ response, schemaPath }) {
    if (response.ok) return undefined;
    const payload = response.status === 204 ? undefined : parseJson(await response.text());
    if (response.status === 401 && !SESSION_PROBE_PATHS.has(schemaPath as keyof paths))
      notifySessionExpired();
    throw toApiError(response.status, payload);
  },
  onError({ error }) {
    return networkError(error);
  },
};

export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  querySerializer: serializeQuery,
  bodySerializer: serializeBody,
});
client.use(csrf, errors);

/**
 * The body of a successful answer (`undefined` for one without). Failures never get here: the
 * middleware throws them as `ApiError`.
 */
export async function dataOf<R extends { data?: unknown }>(call: Promise<R>): Promise<SuccessData<R>> {
  const { data } = await call;
  return data as SuccessData<R>;
}

/** The `data` of openapi-fetch's success branch (its failure branch has `data?: never`). */
type SuccessData<R> = R extends { data?: never } ? never : R extends { data: infer T } ? T : never;

// ---------------------------------------------------------------------------
// Files the browser fetches itself
// ---------------------------------------------------------------------------

type GetPath = {
  [P in keyof paths]: paths[P] extends { get: object } ? P : never;
}[keyof paths];
type GetParams<P extends GetPath> = paths[P] extends { get: { parameters: infer Params } } ? Params : never;
type UrlParams<P extends GetPath> = {
  path?: Record<string, string>;
  query?: Record<string, QueryValue>;
} & Pick<GetParams<P>, keyof GetParams<P> & ('path' | 'query')>;

/** The URL of an API route, for links the browser follows itself (file downloads, `<audio>`). */
export function apiUrl<P extends GetPath>(path: P, params?: UrlParams<P>): string {
  return createFinalURL(path, {
    baseUrl: '',
    params: { path: params?.path, query: params?.query },
    querySerializer: serializeQuery,
    pathSerializer: defaultPathSerializer,
  });
}

/**
 * A file the API serves (a released DSAR package), fetched so the page can show the API's refusal
 * in words instead of a raw error page, then handed to the browser to save. A 401 here means "this
 * download needs sign-in or its code", not an expired session.
 */
export async function downloadFile<P extends GetPath>(
  path: P,
  params: UrlParams<P>,
  headers: Record<string, string> = {},
): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, defaultMessage(0));
  }
  if (!response.ok) throw toApiError(response.status, parseJson(await response.text()));
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download';
  return { blob: await response.blob(), fileName };
}

/** Hands a fetched file to the browser's own download, under its name. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start reading the blob before it is released.
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}
