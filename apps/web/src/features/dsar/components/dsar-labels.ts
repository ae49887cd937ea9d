/** Words for the data-subject request codes, for the DPO's screens and the portal. */
import type { DsarCounts } from '@hushdesk/api-client';
import type {
  DsarAction,
  DsarChannel,
  DsarDeadlineState,
  DsarItemType,
  DsarKind,
  DsarStatus,
  VerificationMethod,
} from '@hushdesk/contracts';

/** Short names for tables and headers (the contracts' labels are the long form). */
export const KIND_SHORT_LABELS: Record<DsarKind, string> = {
  access: 'Access',
  portability: 'Portability',
  erasure: 'Erasure',
  rectification: 'Rectification',
  restriction: 'Restriction',
  objection: 'Objection',
};

/** What the customer asked for, in their words. */
export const KIND_PORTAL_LABELS: Record<DsarKind, string> = {
  access: 'A copy of my data',
  portability: 'My data in a machine-readable file',
  erasure: 'Delete my account',
  rectification: 'Correct my details',
  restriction: 'Limit how my data is used',
  objection: 'Stop contacting me',
};

/** Statuses as the requester should read them: no internal steps. */
export const STATUS_PORTAL_LABELS: Record<DsarStatus, string> = {
  received: 'Received',
  awaiting_information: 'Waiting for information from you',
  verified: 'In progress',
  collecting: 'In progress',
  needs_subject: 'In progress',
  in_review: 'In progress',
  completed: 'Completed',
  rejected: 'Declined',
};

export const STATUS_TONES: Record<DsarStatus, 'neutral' | 'success' | 'danger' | 'accent' | 'warning'> = {
  received: 'accent',
  awaiting_information: 'neutral',
  verified: 'accent',
  collecting: 'accent',
  needs_subject: 'warning',
  in_review: 'accent',
  completed: 'success',
  rejected: 'danger',
};

export const CHANNEL_LABELS: Record<DsarChannel, string> = {
  portal: 'Customer portal',
  email: 'Email',
  phone: 'Phone',
  post: 'Post',
};

/**
 * What happens to a reason or outcome the DPO writes, said plainly: Hushdesk sends no mail, so a
 * portal requester sees it with their request and anyone else must be told by the DPO.
 */
export function requesterNote(channel: DsarChannel, extra?: string): string {
  const also = extra ? `, ${extra}` : '';
  return channel === 'portal'
    ? `Shown to the requester with their request in the portal${also}; nothing is emailed.`
    : `Hushdesk sends nothing: tell the requester yourself, by ${channel}${also}.`;
}

export const VERIFICATION_LABELS: Record<VerificationMethod, string> = {
  signed_in: 'Signed in to the portal',
  id_document: 'ID document seen',
  known_contact_details: 'Replied from contact details we hold',
  security_questions: 'Answered security questions',
  other: 'Other (say how in the note)',
};

/** The deadline badge: nothing while on time or once closed. */
export const DEADLINE_BADGES: Partial<
  Record<DsarDeadlineState, { label: string; tone: 'warning' | 'danger' | 'neutral' }>
> = {
  due_soon: { label: 'Due soon', tone: 'warning' },
  overdue: { label: 'Overdue', tone: 'danger' },
  paused: { label: 'Paused', tone: 'neutral' },
};

export const ITEM_TYPE_LABELS: Record<DsarItemType, string> = {
  contact: 'Contact details',
  account: 'Account',
  ticket: 'Ticket',
  message: 'Message',
  attachment: 'Attachment',
  recording: 'Call recording',
  audit: 'Audit entry',
  suppression: 'Do-not-contact entry',
  request: 'Earlier request',
  email: 'Email received',
  outbound_email: 'Email sent',
  reply_draft: 'Unsent reply draft',
  undeliverable: 'Undeliverable address',
};

/** Why an item was found; unknown codes are shown as they are. */
const FOUND_BY_LABELS: Record<string, string> = {
  person: 'Their record',
  requester: 'They raised it',
  party: 'Party to the ticket',
  author: 'They wrote it',
  in_their_ticket: 'In their ticket',
  uploader: 'They uploaded it',
  'mention:email': 'Email mentioned',
  'mention:phone': 'Phone mentioned',
  'mention:name': 'Name mentioned',
  caller: 'Their number called',
  on_their_ticket: 'Call on their ticket',
  contact_phone: 'Their number to call',
  about: 'About them',
  listed: 'On the do-not-contact list',
  sender: 'They sent it',
  recipient: 'Addressed to them',
  copied: 'In its To or Cc',
};

export function foundByLabel(code: string): string {
  return FOUND_BY_LABELS[code] ?? code.replace(/[_:]/g, ' ');
}

export const COUNT_LABELS: Record<keyof DsarCounts, string> = {
  contact: 'Contact records',
  accounts: 'Accounts',
  tickets: 'Tickets',
  messages: 'Messages',
  mentions: 'Mentions in others’ tickets',
  attachments: 'Attachments',
  recordings: 'Call recordings',
  emails: 'Emails',
  auditEntries: 'Audit entries',
  earlierRequests: 'Earlier requests',
  excluded: 'Excluded from the package',
  redactions: 'Others’ identifiers redacted',
};

const PHASE_LABELS: Record<string, string> = {
  queued: 'Waiting to start',
  identifiers: 'Expanding the identifiers',
  tickets: 'Searching tickets',
  messages: 'Searching messages',
  mentions: 'Finding mentions in other tickets',
  attachments: 'Listing attachments',
  recordings: 'Finding call recordings',
  emails: 'Finding emails',
  audit: 'Reading the audit trail',
  redactions: 'Redacting other people’s identifiers',
  saving: 'Saving what was found',
  done: 'Finished',
};

export function phaseLabel(phase: string): string {
  return PHASE_LABELS[phase] ?? phase.charAt(0).toUpperCase() + phase.slice(1);
}

/** The label on each action's button. */
export const ACTION_LABELS: Record<DsarAction, string> = {
  verify: 'Verify identity',
  request_information: 'Request information',
  resume: 'Resume',
  reject: 'Reject',
  extend: 'Extend deadline',
  collect: 'Collect data',
  choose_subject: 'Choose the person',
  release: 'Release to requester',
  erase: 'Erase',
  rectify: 'Rectify',
  restrict: 'Restrict processing',
  lift_restriction: 'Lift restriction',
  object: 'Record objection',
  complete: 'Complete',
  upload_evidence: 'Upload evidence',
};

/** The label on the redaction box, e.g. "[email]". */
export const REDACTION_LABELS = { email: '[email]', phone: '[phone]', name: '[name]' } as const;
