import type { PersonalField } from '@hushdesk/privacy';

/**
 * Where each personal field is stored, for counting its values and purging them. A field that
 * arrives with its record (a call's number, an upload's name) is counted but never purged: its
 * column cannot be empty, and it cannot be switched off.
 */
export const FIELD_COLUMNS: Record<PersonalField, { table: string; column: string; purgeable: boolean }> = {
  'person.fullName': { table: 'people', column: 'full_name', purgeable: true },
  'person.email': { table: 'people', column: 'email', purgeable: true },
  'person.phone': { table: 'people', column: 'phone', purgeable: true },
  'person.jobTitle': { table: 'people', column: 'job_title', purgeable: true },
  'person.employer': { table: 'people', column: 'employer', purgeable: true },
  'person.workAddress': { table: 'people', column: 'work_address', purgeable: true },
  'person.imHandle': { table: 'people', column: 'im_handle', purgeable: true },
  'ticket.contactPhone': { table: 'tickets', column: 'contact_phone', purgeable: true },
  'recording.callerNumber': { table: 'recordings', column: 'caller_number', purgeable: false },
  'attachment.fileName': { table: 'attachments', column: 'file_name', purgeable: false },
};

/** `person.jobTitle` -> `jobTitle`: the name callers use in request bodies. */
export const shortName = (field: PersonalField) => field.slice(field.indexOf('.') + 1);
