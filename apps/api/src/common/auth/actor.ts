import type { Role } from '@hushdesk/contracts';

/** Who is calling: resolved once per request by the AccessGuard from the session. */
export interface Actor {
  userId: string;
  personId: string;
  role: Role;
  organisationId: string | null;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}
