import type { Role } from '@hushdesk/contracts';
import { bearerFor, createUser, type TestApp } from './test-app';

export interface Account {
  id: string;
  personId: string;
  email: string;
  auth: string;
}

/**
 * A small world for ticket tests: two customer organisations (A with two customers, B with one),
 * two engineers, a DPO and an admin, each signed in.
 */
export interface World {
  orgA: string;
  orgB: string;
  a1: Account;
  a2: Account;
  b1: Account;
  engineer: Account;
  engineer2: Account;
  dpo: Account;
  admin: Account;
}

async function org(t: TestApp, name: string): Promise<string> {
  const { rows } = await t.db.query('INSERT INTO organisations (name) VALUES ($1) RETURNING id', [name]);
  return rows[0].id;
}

async function account(t: TestApp, role: Role, fullName: string, organisationId?: string): Promise<Account> {
  const user = await createUser(t, role, { fullName, organisationId });
  return { ...user, auth: await bearerFor(t, user.email) };
}

export async function buildWorld(t: TestApp): Promise<World> {
  const orgA = await org(t, 'Acme Telecom');
  const orgB = await org(t, 'Globex Networks');
  return {
    orgA,
    orgB,
    a1: await account(t, 'customer', 'Alice Archer', orgA),
    a2: await account(t, 'customer', 'Arthur Ames', orgA),
    b1: await account(t, 'customer', 'Bella Brook', orgB),
    engineer: await account(t, 'engineer', 'Sam Patel'),
    engineer2: await account(t, 'engineer', 'Nia Okafor'),
    dpo: await account(t, 'dpo', 'Priya Shah'),
    admin: await account(t, 'admin', 'Jordan Lee'),
  };
}
