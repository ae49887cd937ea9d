import type { PersonRecord, PersonUpdate, PersonUpdateResult } from '@hushdesk/api-client';
import { PERSON_FIELDS, type PersonField } from '@hushdesk/contracts';
import { client, dataOf } from '../../../lib/api-client';

export { PERSON_FIELDS, type PersonField };

export function isPersonField(value: string): value is PersonField {
  return (PERSON_FIELDS as readonly string[]).includes(value);
}

/**
 * `GET /people/:id`, shown as the field policies say: a key that is absent is not visible to the
 * caller or not collected; a field named in `masked` holds its masked form.
 */
export type { PersonRecord };

/**
 * Rectification: any of the fields; `null` clears an optional one. A person changing their own
 * sign-in email also sends their current password.
 */
export type { PersonUpdate };

/**
 * The answer to an update: the record, or (202) the record with the other fields saved and the
 * sign-in email change sent to the DPO as a request.
 */
export type { PersonUpdateResult };

export function isEmailChangeRequested(
  result: PersonUpdateResult,
): result is Extract<PersonUpdateResult, { emailChange: unknown }> {
  return 'emailChange' in result;
}

export const peopleApi = {
  get: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/people/{id}', { params: { path: { id } }, signal })),

  update: (id: string, body: PersonUpdate) =>
    dataOf(client.PATCH('/api/people/{id}', { params: { path: { id } }, body })),

  reveal: (id: string, body: { field: PersonField; reason: string }) =>
    dataOf(client.POST('/api/people/{id}/reveal', { params: { path: { id } }, body })),
};
