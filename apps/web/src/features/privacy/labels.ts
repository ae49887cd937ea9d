/**
 * Words for the field-policy registry's codes. The lists mirror the ones in @hushdesk/privacy; the
 * web app takes only its types (the library's runtime needs Node), and `satisfies` keeps these in
 * step with them.
 */
import type { Role } from '@hushdesk/contracts';
import type { Collection, FieldPolicy, MaskingStyle, RetentionEvent, Visibility } from '@hushdesk/privacy';

type LawfulBasis = FieldPolicy['lawfulBasis'];

export const COLLECTION_LABELS = {
  required: 'Required',
  optional: 'Optional',
  off: 'Not collected',
} as const satisfies Record<Collection, string>;
export const COLLECTION_OPTIONS = Object.keys(COLLECTION_LABELS) as Collection[];

export const LAWFUL_BASIS_LABELS = {
  contract: 'Contract',
  legitimate_interests: 'Legitimate interests',
  legal_obligation: 'Legal obligation',
  consent: 'Consent',
} as const satisfies Record<LawfulBasis, string>;
export const LAWFUL_BASIS_OPTIONS = Object.keys(LAWFUL_BASIS_LABELS) as LawfulBasis[];

/** The UK GDPR article for each basis, for the record of processing. */
export const LAWFUL_BASIS_ARTICLES = {
  contract: 'Art. 6(1)(b)',
  legitimate_interests: 'Art. 6(1)(f)',
  legal_obligation: 'Art. 6(1)(c)',
  consent: 'Art. 6(1)(a)',
} as const satisfies Record<LawfulBasis, string>;

/** For the privacy notice: the basis in plain words. */
export const LAWFUL_BASIS_EXPLAINED = {
  contract: 'We need it to provide the service your organisation has with us.',
  legitimate_interests:
    'It is in our legitimate interests to use it, in ways you would expect, to support you well.',
  legal_obligation: 'The law requires us to keep it.',
  consent: 'You have agreed to it; you can withdraw your consent at any time.',
} as const satisfies Record<LawfulBasis, string>;

export const RETENTION_EVENT_LABELS = {
  collected: 'it is collected',
  last_ticket_closed: 'the person’s last ticket closes',
  account_closed: 'the account closes',
  call: 'the call',
  ticket_closed: 'the ticket closes',
} as const satisfies Record<RetentionEvent, string>;
export const RETENTION_EVENT_OPTIONS = Object.keys(RETENTION_EVENT_LABELS) as RetentionEvent[];

export const VISIBILITY_LABELS = {
  clear: 'Clear',
  masked: 'Masked',
  hidden: 'Hidden',
} as const satisfies Record<Visibility, string>;
export const VISIBILITY_OPTIONS = Object.keys(VISIBILITY_LABELS) as Visibility[];

export const MASKING_LABELS = {
  email: 'Email: a•••••@example.com',
  phone: 'Phone: ••••• ••• 123',
  name: 'Name: initials (A. M.)',
  full: 'Fully hidden: •••••',
  none: 'None (fully hidden when masked)',
} as const satisfies Record<MaskingStyle, string>;
export const MASKING_OPTIONS = Object.keys(MASKING_LABELS) as MaskingStyle[];

/** Roles in the order the visibility selects show them. */
export const VISIBILITY_ROLES: readonly Role[] = ['customer', 'engineer', 'dpo', 'admin'];

/** What each audit action means, in words; unknown actions show their code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'person.read': 'Viewed contact details',
  'person.reveal': 'Revealed a masked value',
  'person.update': 'Changed personal details',
  'policy.update': 'Changed a field policy',
  'policy.purge': 'Deleted stored values',
  'retention.fields': 'Retention: expired values deleted',
  'suppression.add': 'Added to do-not-contact list',
  'message.redact': 'Redacted a message',
  'ticket.share_safe_copy': 'Made a share-safe copy',
  'index.rebuild': 'Rebuilt the identifier index',
  'retention.run': 'Retention: expired recordings deleted',
  'retention.policy': 'Changed a retention period',
  'settings.controller': 'Changed the controller’s details',
  'settings.sla': 'Changed business hours or SLA targets',
  'recording.hold': 'Put a recording on legal hold',
  'recording.release': 'Released a legal hold',
  'recording.import': 'Imported a call log',
  'audit.expire': 'Retention: old audit entries removed',
  'mailbox.create': 'Added a mailbox',
  'mailbox.update': 'Changed a mailbox',
  'mailbox.delete': 'Deleted a mailbox',
  'blob.missing': 'A stored file was found missing',
  'user.update': 'Changed an account’s access',
  'user.password_reset': 'Reset an account’s password',
  'organisation.update': 'Changed an organisation',
  'organisation.delete': 'Deleted an organisation',
  'group.create': 'Created a ticket group',
  'group.update': 'Renamed a ticket group',
  'group.delete': 'Deleted a ticket group',
  'group.members': 'Changed a ticket group’s members',
};
