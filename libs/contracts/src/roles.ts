/** The four kinds of account. Both apps use these exact words. */
export const ROLES = ['customer', 'engineer', 'dpo', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Staff work the queue; customers only see what they raised (or their organisation's, when shared). */
export const STAFF_ROLES: readonly Role[] = ['engineer', 'dpo', 'admin'];

export const ROLE_LABELS: Record<Role, string> = {
  customer: 'Customer',
  engineer: 'Support engineer',
  dpo: 'Data Protection Officer',
  admin: 'Administrator',
};

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  customer: '/portal',
  engineer: '/console',
  dpo: '/dpo',
  admin: '/admin',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
