import type { PersonalField } from '@hushdesk/privacy';

/** Where each personal field is stored, for counting and purging. Fields without a column here cannot be purged. */
export const FIELD_COLUMNS: Partial<Record<PersonalField, { table: string; column: string }>> = {
  'person.fullName': { table: 'people', column: 'full_name' },
  'person.email': { table: 'people', column: 'email' },
  'person.phone': { table: 'people', column: 'phone' },
  'person.jobTitle': { table: 'people', column: 'job_title' },
  'person.employer': { table: 'people', column: 'employer' },
  'person.workAddress': { table: 'people', column: 'work_address' },
  'person.imHandle': { table: 'people', column: 'im_handle' },
  'ticket.contactPhone': { table: 'tickets', column: 'contact_phone' },
};

/** `person.jobTitle` -> `jobTitle`: the name callers use in request bodies. */
export const shortName = (field: PersonalField) => field.slice(field.indexOf('.') + 1);
