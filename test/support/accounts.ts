// Accounts for the middle tier: made by the services a real sign-up and sign-in go through, with
// the Actor a guard would resolve from the session, so services see a caller as they do over HTTP.
import type { Role } from '@hushdesk/contracts';
import { SessionService } from '../../apps/api/src/auth/session.service';
import type { Actor } from '../../apps/api/src/common/auth/actor';
import { OrganisationsService } from '../../apps/api/src/organisations/organisations.service';
import { UsersService } from '../../apps/api/src/users/users.service';
import type { ServiceContext } from './service-context';
import { TEST_PASSWORD } from './test-app';

export interface SignedIn extends Actor {
  email: string;
  fullName: string;
  /** The session's cookie token: looking it up shows whether the session is still live. */
  cookieToken: string;
}

/** An organisation of customers; `shared` turns on shared ticket visibility for its colleagues. */
export async function organisation(s: ServiceContext, name: string, shared = false): Promise<string> {
  const organisations = s.ctx.get(OrganisationsService);
  const { id } = await organisations.create(name);
  if (shared) await organisations.update(null, id, { sharedTicketVisibility: true });
  return id;
}

/** An account with its person record, signed in (one live session). */
export async function signedIn(
  s: ServiceContext,
  role: Role,
  fullName: string,
  opts: { email?: string; organisationId?: string; phone?: string } = {},
): Promise<SignedIn> {
  const email = opts.email ?? `${fullName.toLowerCase().replace(/[^a-z]+/g, '.')}.${role}@example.test`;
  const user = await s.ctx.get(UsersService).create({
    email,
    password: TEST_PASSWORD,
    role,
    organisationId: opts.organisationId,
    person: { fullName, phone: opts.phone },
  });
  const { sessionId, cookieToken } = await s.ctx.get(SessionService).start(user.id);
  return {
    userId: user.id,
    personId: user.personId,
    role,
    organisationId: opts.organisationId ?? null,
    sessionId,
    email,
    fullName,
    cookieToken,
  };
}
