import { apiPaths } from '@hushdesk/contracts';
import { apiClient } from '../../../lib/api-client';

/** The contact fields of a person record, as the API names them in bodies. */
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

export function isPersonField(value: string): value is PersonField {
  return (PERSON_FIELDS as readonly string[]).includes(value);
}

/**
 * `GET /people/:id`, shown as the field policies say: a key that is absent is not visible to the
 * caller or not collected; a field named in `masked` holds its masked form.
 */
export type PersonRecord = { id: string; masked: string[]; doNotContact: boolean } & Partial<
  Record<PersonField, string | null>
>;

/** Rectification: any of the fields; `null` clears an optional one. */
export type PersonUpdate = Partial<Record<PersonField, string | null>>;

export const peopleApi = {
  get: (id: string, signal?: AbortSignal) => apiClient.get<PersonRecord>(apiPaths.person(id), { signal }),

  update: (id: string, body: PersonUpdate) => apiClient.patch<PersonRecord>(apiPaths.person(id), body),

  reveal: (id: string, body: { field: PersonField; reason: string }) =>
    apiClient.post<{ field: PersonField; value: string | null }>(apiPaths.personReveal(id), body),
};
