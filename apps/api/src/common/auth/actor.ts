import type { Role } from '@hushdesk/contracts';

/** Who is calling: resolved once per request by the AccessGuard from the session. */
export interface Actor {
  userId: string;
  personId: string;
  role: Role;
  organisationId: string | null;
  sessionId: string;
  /** After an admin's password reset: only choosing a new password (and signing out) is allowed. */
  mustChangePassword?: true;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}
