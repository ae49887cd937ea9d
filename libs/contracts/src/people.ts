import type { Role } from './roles';

/**
 * Whose side a person is on, for the neutral label a client shows in place of a name: when the
 * `person.fullName` policy hides it from the viewer, or when the person gave none. The API sends
 * `name: null` for both, so a hidden name looks like no name.
 */
export type PersonKind = 'customer' | 'staff';

export const UNNAMED_PERSON: Record<PersonKind, string> = {
  customer: 'Customer',
  staff: 'Support staff',
};

export const personKindOf = (role: Role): PersonKind => (role === 'customer' ? 'customer' : 'staff');

/** The name to show for a person: theirs as the API gave it (clear or masked), else the neutral label. */
export function displayName(name: string | null | undefined, kind: PersonKind): string {
  return name?.trim() || UNNAMED_PERSON[kind];
}

/** The contact fields of a person record, as the API names them in bodies and answers. */
export const PERSON_FIELDS = [
  'fullName',
  'email',
  'phone',
  'jobTitle',
  'employer',
  'workAddress',
  'imHandle',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
