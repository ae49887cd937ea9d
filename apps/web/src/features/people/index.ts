/** The people feature as other features and the app shell see it. */
export { PERSON_FIELDS, isEmailChangeRequested, isPersonField } from './api/people-api';
export type { PersonField, PersonRecord, PersonUpdate } from './api/people-api';
export { usePerson, useRevealPersonField, useUpdatePerson } from './hooks/use-people';
