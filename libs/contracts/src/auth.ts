import type { Role } from './roles';

/** `POST /api/auth/password`: every session of the account ends; the answer is a new one. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** The signed-in account, as the contract returns it from login and `/auth/me`. */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  personId: string;
  organisationId: string | null;
  fullName: string | null;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires; refresh with the session cookie. */
  expiresIn: number;
  user: AuthUser;
}

export const SESSION_COOKIE = 'hd_session';
/**
 * CSRF protection for cookie-authenticated writes (double submit): the API sets this readable
 * cookie beside the session cookie, and the web app echoes its value in `CSRF_HEADER` on every
 * POST, PUT, PATCH and DELETE. Another site can send the cookie but cannot read it.
 */
export const CSRF_COOKIE = 'hd_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** `GET /api/demo`, only in demo mode (404 otherwise): the seeded logins the sign-in page offers. */
export interface DemoInfo {
  accounts: { email: string; role: Role }[];
  /** The demo password when it is the documented default; null when the operator changed it. */
  password: string | null;
}
