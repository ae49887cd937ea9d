/**
 * The one place in the web app that talks HTTP. Features call the typed helpers here from
 * their own `api/` modules, and components reach those only through hooks.
 *
 * Authentication is an httpOnly session cookie set by the API, so requests carry
 * `credentials: 'same-origin'` and the app never sees or stores a token. Writes echo the
 * readable CSRF cookie in a header, which another site cannot do.
 */
import { API_PREFIX, CSRF_COOKIE, CSRF_HEADER, apiPaths, type ApiErrorBody } from '@hushdesk/contracts';

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
const SESSION_PROBE_PATHS: ReadonlySet<string> = new Set([apiPaths.login, apiPaths.me, apiPaths.logout]);

function notifySessionExpired(): void {
  for (const listener of sessionExpiredListeners) listener();
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Serialised as JSON, except `FormData`, which is sent as multipart/form-data (the browser
   * sets the content type with its boundary), and a `Blob` (a `File`), which is sent as it is
   * with `contentType`.
   */
  body?: unknown;
  /** The content type of a `Blob` body; defaults to the blob's own type, else `application/octet-stream`. */
  contentType?: string;
  /** Appended as a query string; `null`/`undefined`/empty values are left out. */
  query?: Record<string, QueryValue>;
  /** Extra request headers, e.g. `x-file-name` with a raw upload. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The URL of an API path, for links the browser follows itself (file downloads). */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  return buildUrl(path, query);
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_PREFIX}${path}${search ? `?${search}` : ''}`;
}

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
    Omit<ApiErrorBody, 'message'> & { message: unknown }
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

/** Sends one request to the Hushdesk API and resolves with the parsed JSON body (or `undefined` for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, contentType } = options;
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  const isForm = body instanceof FormData;
  const isRaw = body instanceof Blob;
  if (isRaw) headers['Content-Type'] = contentType ?? (body.type || 'application/octet-stream');
  else if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  const csrf = method === 'GET' ? undefined : csrfToken();
  if (csrf) headers[CSRF_HEADER] = csrf;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : isForm || isRaw ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, defaultMessage(0));
  }

  const payload = response.status === 204 ? undefined : parseJson(await response.text());

  if (!response.ok) {
    if (response.status === 401 && !SESSION_PROBE_PATHS.has(path)) notifySessionExpired();
    throw toApiError(response.status, payload);
  }
  return payload as T;
}

export const apiClient = {
  get: <T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  /** Sends `form` as multipart/form-data (file uploads). */
  postForm: <T>(path: string, form: FormData, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'POST', body: form }),
  /** Sends `blob` as the raw request body (an audio file), typed as `contentType` or the blob's own type. */
  putRaw: <T>(path: string, blob: Blob, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> =>
    apiRequest<T>(path, { ...options, method: 'PUT', body: blob }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};

/**
 * A file the API serves (a released DSAR package), fetched so the page can show the API's refusal
 * in words instead of a raw error page, then handed to the browser to save. A 401 here means "this
 * download needs sign-in or its code", not an expired session.
 */
export async function downloadFile(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { headers, credentials: 'same-origin' });
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
