import type { Role } from './roles';

export interface LoginRequest {
  email: string;
  password: string;
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
