/**
 * Errors the domain raises on purpose. Each code maps to one HTTP status in the filter; the map is
 * typed as a full Record, so adding a code without a status is a compile error.
 */
export enum DomainErrorCode {
  NotFound = 'not_found',
  Conflict = 'conflict',
  InvalidField = 'invalid_field',
  InvalidState = 'invalid_state',
  Forbidden = 'forbidden',
  Unauthenticated = 'unauthenticated',
  RateLimited = 'rate_limited',
  TooLarge = 'too_large',
  Unavailable = 'unavailable',
  Gone = 'gone',
}

export const DOMAIN_ERROR_STATUS: Record<DomainErrorCode, number> = {
  [DomainErrorCode.NotFound]: 404,
  [DomainErrorCode.Conflict]: 409,
  [DomainErrorCode.InvalidField]: 400,
  [DomainErrorCode.InvalidState]: 409,
  [DomainErrorCode.Forbidden]: 403,
  [DomainErrorCode.Unauthenticated]: 401,
  [DomainErrorCode.RateLimited]: 429,
  [DomainErrorCode.TooLarge]: 413,
  [DomainErrorCode.Unavailable]: 503,
  [DomainErrorCode.Gone]: 410,
};

/** The message is shown to the caller: never put personal data in it, only field names and ids. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { fields?: Record<string, string[]>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError(DomainErrorCode.NotFound, `${what} not found`);
  }

  static invalidField(field: string, problem: string): DomainError {
    return new DomainError(DomainErrorCode.InvalidField, fieldMessage(field, problem), {
      fields: { [field]: [problem] },
    });
  }

  static conflict(message: string): DomainError {
    return new DomainError(DomainErrorCode.Conflict, message);
  }
}

/**
 * "email is required", or "password: This password is too short…" when the problem is already a
 * sentence for people (the field still leads, for API callers).
 */
export function fieldMessage(field: string, problem: string): string {
  return /^[A-Z]/.test(problem) ? `${field}: ${problem}` : `${field} ${problem}`;
}
