import type { Role } from '@hushdesk/contracts';
import { mask, type MaskingStyle } from './masking';

export const PERSONAL_FIELDS = [
  'person.fullName',
  'person.email',
  'person.phone',
  'person.jobTitle',
  'person.employer',
  'person.workAddress',
  'person.imHandle',
  'ticket.contactPhone',
  'recording.callerNumber',
  'attachment.fileName',
] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

export const COLLECTIONS = ['required', 'optional', 'off'] as const;
export type Collection = (typeof COLLECTIONS)[number];
export const VISIBILITIES = ['clear', 'masked', 'hidden'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const RETENTION_EVENTS = [
  'collected',
  'last_ticket_closed',
  'account_closed',
  'call',
  'ticket_closed',
] as const;
export type RetentionEvent = (typeof RETENTION_EVENTS)[number];
export const LAWFUL_BASES = ['contract', 'legitimate_interests', 'legal_obligation', 'consent'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];
export const MASKING_STYLES = ['email', 'phone', 'name', 'full', 'none'] as const;
/** Roles as in @hushdesk/contracts ROLES (kept here so this file needs only the type). */
const ROLE_KEYS = ['customer', 'engineer', 'dpo', 'admin'] as const satisfies readonly Role[];

/** The longest retention a policy may set: 100 years. */
export const MAX_RETENTION_DAYS = 36500;
/** Only these fields may be made `required`: everything else a person can decline to give. */
export const REQUIRABLE_FIELDS: readonly PersonalField[] = ['person.fullName', 'person.email'];

/**
 * Why some fields cannot be anything but collected: they come with their record, or Hushdesk
 * cannot work without them. Minimise them by who sees them and how long they are kept instead.
 */
const ALWAYS_COLLECTED: Partial<Record<PersonalField, string>> = {
  'person.email': 'it is how people sign in',
  'recording.callerNumber':
    'a call arrives with its number. Limit who sees it and how long it is kept instead',
  'attachment.fileName': 'a file arrives with its name. Limit who sees it and how long it is kept instead',
};
const NEVER_OFF: Partial<Record<PersonalField, string>> = {
  'person.fullName': 'it shows who a ticket is for and who wrote each message',
};

/** The collection values a field may take, in the order a form offers them. */
export function collectionChoices(field: PersonalField): Collection[] {
  if (ALWAYS_COLLECTED[field]) return ['required'];
  if (NEVER_OFF[field]) return COLLECTIONS.filter((c) => c !== 'off');
  return REQUIRABLE_FIELDS.includes(field) ? [...COLLECTIONS] : ['optional', 'off'];
}

/** Why a field offers fewer collection choices than all three, in words for the DPO; else null. */
export function collectionNote(field: PersonalField): string | null {
  const label = DEFAULTS[field].label;
  if (ALWAYS_COLLECTED[field]) return `${label} is always collected: ${ALWAYS_COLLECTED[field]}.`;
  if (NEVER_OFF[field])
    return `${label} cannot be switched off: ${NEVER_OFF[field]}. Choose Required or Optional.`;
  if (!REQUIRABLE_FIELDS.includes(field))
    return `${label} cannot be required: people may choose not to give it. Choose Optional or Not collected.`;
  return null;
}

export interface Retention {
  days: number;
  from: RetentionEvent;
}

export interface FieldPolicy {
  field: PersonalField;
  label: string;
  category: string;
  purposes: string[];
  lawfulBasis: LawfulBasis;
  collection: Collection;
  retention: Retention | null;
  visibility: Record<Role, Visibility>;
  masking: MaskingStyle;
  /** shown next to optional fields in forms, e.g. "to call you back about a fault" */
  purposeHint: string | null;
}

export type FieldPolicyPatch = Partial<
  Pick<
    FieldPolicy,
    'purposes' | 'lawfulBasis' | 'collection' | 'retention' | 'visibility' | 'masking' | 'purposeHint'
  >
>;

const PATCHABLE = [
  'purposes',
  'lawfulBasis',
  'collection',
  'retention',
  'visibility',
  'masking',
  'purposeHint',
] as const;

const IDENTIFY = 'identify you and reply to your requests';
const CALL_BACK = 'call you back about a fault';

const vis = (customer: Visibility, engineer: Visibility): Record<Role, Visibility> => ({
  customer,
  engineer,
  dpo: 'clear',
  admin: 'clear',
});

const DEFAULTS: Record<PersonalField, FieldPolicy> = {
  'person.fullName': {
    field: 'person.fullName',
    label: 'Full name',
    category: 'Identity',
    purposes: [IDENTIFY],
    lawfulBasis: 'contract',
    collection: 'required',
    retention: null,
    visibility: vis('clear', 'clear'),
    masking: 'name',
    purposeHint: null,
  },
  'person.email': {
    field: 'person.email',
    label: 'Email address',
    category: 'Contact details',
    purposes: [IDENTIFY],
    lawfulBasis: 'contract',
    collection: 'required',
    retention: null,
    visibility: vis('hidden', 'masked'),
    masking: 'email',
    purposeHint: null,
  },
  'person.phone': {
    field: 'person.phone',
    label: 'Phone number',
    category: 'Contact details',
    purposes: [CALL_BACK],
    lawfulBasis: 'legitimate_interests',
    collection: 'optional',
    retention: { days: 90, from: 'last_ticket_closed' },
    visibility: vis('hidden', 'masked'),
    masking: 'phone',
    purposeHint: 'to call you back about a fault',
  },
  'person.jobTitle': {
    field: 'person.jobTitle',
    label: 'Job title',
    category: 'Work details',
    purposes: [],
    lawfulBasis: 'legitimate_interests',
    collection: 'off',
    retention: null,
    visibility: vis('hidden', 'clear'),
    masking: 'full',
    purposeHint: null,
  },
  'person.employer': {
    field: 'person.employer',
    label: 'Employer',
    category: 'Work details',
    purposes: ['know which customer organisation you raise requests for'],
    lawfulBasis: 'legitimate_interests',
    collection: 'optional',
    retention: null,
    visibility: vis('hidden', 'clear'),
    masking: 'full',
    purposeHint: 'so we know which organisation you work for',
  },
  'person.workAddress': {
    field: 'person.workAddress',
    label: 'Work address',
    category: 'Work details',
    purposes: ['visit your site to fix a fault'],
    lawfulBasis: 'legitimate_interests',
    collection: 'optional',
    retention: null,
    visibility: vis('hidden', 'clear'),
    masking: 'full',
    purposeHint: 'for on-site visits',
  },
  'person.imHandle': {
    field: 'person.imHandle',
    label: 'Instant messaging handle',
    category: 'Contact details',
    purposes: [],
    lawfulBasis: 'consent',
    collection: 'off',
    retention: null,
    visibility: vis('hidden', 'masked'),
    masking: 'full',
    purposeHint: null,
  },
  'ticket.contactPhone': {
    field: 'ticket.contactPhone',
    label: 'Contact phone for this ticket',
    category: 'Ticket details',
    purposes: [CALL_BACK],
    lawfulBasis: 'legitimate_interests',
    collection: 'optional',
    retention: { days: 90, from: 'ticket_closed' },
    visibility: vis('hidden', 'masked'),
    masking: 'phone',
    purposeHint: 'to call you back about a fault',
  },
  'recording.callerNumber': {
    field: 'recording.callerNumber',
    label: 'Caller number',
    category: 'Call recordings',
    purposes: ['match calls to tickets and people'],
    lawfulBasis: 'legitimate_interests',
    collection: 'required',
    retention: { days: 60, from: 'call' },
    visibility: vis('hidden', 'masked'),
    masking: 'phone',
    purposeHint: null,
  },
  'attachment.fileName': {
    field: 'attachment.fileName',
    label: 'Attachment file name',
    category: 'Ticket details',
    purposes: ['keep the files you attach with your ticket'],
    lawfulBasis: 'contract',
    collection: 'required',
    retention: null,
    visibility: vis('hidden', 'clear'),
    masking: 'full',
    purposeHint: null,
  },
};

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/**
 * The product defaults. recording.callerNumber and attachment.fileName are `required` in the
 * sense that they arrive with a call or an upload, not that a form asks for them; they are the only
 * exceptions to REQUIRABLE_FIELDS, and a patch cannot make any other field required
 * (`collectionChoices`).
 * Deep-frozen: copy (or `applyPatch`) before changing.
 */
export const DEFAULT_FIELD_POLICIES: Readonly<Record<PersonalField, FieldPolicy>> = deepFreeze(DEFAULTS);

export function isPersonalField(name: string): name is PersonalField {
  return (PERSONAL_FIELDS as readonly string[]).includes(name);
}

const MAX_PURPOSE = 200;
const MAX_PURPOSES = 10;
const MAX_HINT = 200;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = (list: readonly string[]) => `must be one of: ${list.join(', ')}`;

/**
 * Checks a patch from the outside world. Errors are keyed by the patch property ('retention.days',
 * 'visibility.engineer', …); 'field' for an unknown field and 'patch' when the body is not an
 * object. Strings are trimmed in the returned patch.
 *
 * Pass `current` (the field's policy before the patch) to check the result as a whole: "an optional
 * or required field needs at least one purpose" then also catches `{ collection: 'optional' }` on a
 * field with no purposes. Without it, emptying `purposes` is only accepted together with
 * `collection: 'off'`.
 */
export function validatePolicyPatch(
  field: string,
  patch: unknown,
  current?: FieldPolicy,
): { ok: true; patch: FieldPolicyPatch } | { ok: false; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const fail = (key: string, message: string) => (errors[key] ??= []).push(message);

  if (!isPersonalField(field)) {
    fail('field', `unknown field "${field}"; ${oneOf(PERSONAL_FIELDS)}`);
    return { ok: false, errors };
  }
  if (!isObject(patch)) {
    fail('patch', 'must be an object');
    return { ok: false, errors };
  }

  const out: FieldPolicyPatch = {};
  for (const key of Object.keys(patch)) {
    if (!(PATCHABLE as readonly string[]).includes(key)) {
      fail(key, ['field', 'label', 'category'].includes(key) ? 'cannot be changed' : 'unknown property');
    }
  }

  if ('purposes' in patch) {
    const v = patch.purposes;
    if (!Array.isArray(v)) fail('purposes', 'must be a list of strings');
    else {
      const list: string[] = [];
      v.forEach((p, i) => {
        if (typeof p !== 'string' || p.trim() === '')
          fail('purposes', `item ${i + 1} must be a non-empty string`);
        else if (p.trim().length > MAX_PURPOSE)
          fail('purposes', `item ${i + 1} is longer than ${MAX_PURPOSE} characters`);
        else if (list.includes(p.trim())) fail('purposes', `item ${i + 1} is a duplicate`);
        else list.push(p.trim());
      });
      if (v.length > MAX_PURPOSES) fail('purposes', `at most ${MAX_PURPOSES} purposes`);
      out.purposes = list;
    }
  }

  if ('lawfulBasis' in patch) {
    if (!(LAWFUL_BASES as readonly unknown[]).includes(patch.lawfulBasis))
      fail('lawfulBasis', oneOf(LAWFUL_BASES));
    else out.lawfulBasis = patch.lawfulBasis as LawfulBasis;
  }

  if ('collection' in patch) {
    const v = patch.collection;
    if (!(COLLECTIONS as readonly unknown[]).includes(v)) fail('collection', oneOf(COLLECTIONS));
    else if (!collectionChoices(field).includes(v as Collection))
      fail('collection', collectionNote(field) ?? oneOf(collectionChoices(field)));
    else out.collection = v as Collection;
  }

  if ('retention' in patch) {
    const v = patch.retention;
    if (v === null) out.retention = null;
    else if (!isObject(v)) fail('retention', 'must be null or { days, from }');
    else {
      for (const k of Object.keys(v))
        if (k !== 'days' && k !== 'from') fail(`retention.${k}`, 'unknown property');
      const days = v.days;
      if (typeof days !== 'number' || !Number.isInteger(days))
        fail('retention.days', 'must be a whole number of days');
      else if (days <= 0) fail('retention.days', 'must be at least 1');
      else if (days > MAX_RETENTION_DAYS) fail('retention.days', `must be at most ${MAX_RETENTION_DAYS}`);
      if (!(RETENTION_EVENTS as readonly unknown[]).includes(v.from))
        fail('retention.from', oneOf(RETENTION_EVENTS));
      if (!errors['retention.days'] && !errors['retention.from'])
        out.retention = { days: days as number, from: v.from as RetentionEvent };
    }
  }

  if ('visibility' in patch) {
    const v = patch.visibility;
    if (!isObject(v)) fail('visibility', 'must be an object with a value for each role');
    else {
      const result = {} as Record<Role, Visibility>;
      for (const k of Object.keys(v))
        if (!(ROLE_KEYS as readonly string[]).includes(k)) fail(`visibility.${k}`, 'unknown role');
      for (const role of ROLE_KEYS) {
        if (!(role in v)) fail(`visibility.${role}`, 'is required');
        else if (!(VISIBILITIES as readonly unknown[]).includes(v[role]))
          fail(`visibility.${role}`, oneOf(VISIBILITIES));
        else result[role] = v[role] as Visibility;
      }
      out.visibility = result;
    }
  }

  if ('masking' in patch) {
    if (!(MASKING_STYLES as readonly unknown[]).includes(patch.masking))
      fail('masking', oneOf(MASKING_STYLES));
    else out.masking = patch.masking as MaskingStyle;
  }

  if ('purposeHint' in patch) {
    const v = patch.purposeHint;
    if (v === null) out.purposeHint = null;
    else if (typeof v !== 'string') fail('purposeHint', 'must be a string or null');
    else if (v.trim().length > MAX_HINT) fail('purposeHint', `must be at most ${MAX_HINT} characters`);
    else out.purposeHint = v.trim() === '' ? null : v.trim();
  }

  // The result as a whole: anything collected needs a purpose.
  if (!errors.purposes && !errors.collection) {
    const collection = out.collection ?? current?.collection;
    const purposes = out.purposes ?? current?.purposes;
    if (current) {
      if (collection !== 'off' && purposes && purposes.length === 0)
        fail('purposes', `${article(collection)} field needs at least one purpose`);
    } else if (out.purposes && out.purposes.length === 0 && out.collection !== 'off') {
      fail(
        'purposes',
        out.collection
          ? `${article(out.collection)} field needs at least one purpose`
          : "cannot be empty unless collection is set to 'off' in the same change",
      );
    }
  }

  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, patch: out };
}

const article = (c: Collection | undefined) => (c === 'optional' ? 'an optional' : 'a required');

/** A new policy with the patch applied (the input is not changed). */
export function applyPatch(policy: FieldPolicy, patch: FieldPolicyPatch): FieldPolicy {
  const next: FieldPolicy = {
    ...policy,
    purposes: [...policy.purposes],
    retention: policy.retention ? { ...policy.retention } : null,
    visibility: { ...policy.visibility },
  };
  if (patch.purposes !== undefined) next.purposes = [...patch.purposes];
  if (patch.lawfulBasis !== undefined) next.lawfulBasis = patch.lawfulBasis;
  if (patch.collection !== undefined) next.collection = patch.collection;
  if (patch.retention !== undefined) next.retention = patch.retention ? { ...patch.retention } : null;
  if (patch.visibility !== undefined) next.visibility = { ...policy.visibility, ...patch.visibility };
  if (patch.masking !== undefined) next.masking = patch.masking;
  if (patch.purposeHint !== undefined) next.purposeHint = patch.purposeHint;
  return next;
}

/** The data subject always sees their own data in clear. An unknown role sees nothing. */
export function visibilityFor(policy: FieldPolicy, role: Role, isSelf: boolean): Visibility {
  if (isSelf) return 'clear';
  return policy.visibility[role] ?? 'hidden';
}

/**
 * What `role` may see of `value`: the value (clear), its mask (masked) or `undefined` (hidden: leave
 * the property out of the response).
 */
export function project(
  value: string | null,
  policy: FieldPolicy,
  role: Role,
  isSelf: boolean,
): string | null | undefined {
  switch (visibilityFor(policy, role, isSelf)) {
    case 'clear':
      return value;
    case 'masked':
      return mask(value, policy.masking === 'none' ? 'full' : policy.masking);
    default:
      return undefined;
  }
}

const EVENT_TEXT: Record<RetentionEvent, string> = {
  collected: 'after it is collected',
  last_ticket_closed: "after the person's last ticket closes",
  account_closed: 'after the account closes',
  call: 'after the call',
  ticket_closed: 'after the ticket closes',
};

/** "90 days after the person's last ticket closes"; null: "Kept as long as the record it belongs to". */
export function retentionDescription(r: Retention | null): string {
  if (!r) return 'Kept as long as the record it belongs to';
  return `${r.days} ${r.days === 1 ? 'day' : 'days'} ${EVENT_TEXT[r.from] ?? `after ${r.from}`}`;
}
