/** Data-subject requests: the DPO's module, and the portal's "your privacy requests". */
export const DSAR_KINDS = [
  'access',
  'portability',
  'erasure',
  'rectification',
  'restriction',
  'objection',
] as const;
export type DsarKind = (typeof DSAR_KINDS)[number];

export const DSAR_KIND_LABELS: Record<DsarKind, string> = {
  access: 'Access (a copy of their data)',
  portability: 'Portability (data they provided, machine-readable)',
  erasure: 'Erasure',
  rectification: 'Rectification',
  restriction: 'Restriction of processing',
  objection: 'Objection (stop contacting)',
};

/** How the request reached us. A request from the portal comes from a signed-in session. */
export const DSAR_CHANNELS = ['portal', 'email', 'phone', 'post'] as const;
export type DsarChannel = (typeof DSAR_CHANNELS)[number];

/**
 * received -> (awaiting_information <-> received) -> verified -> collecting -> in_review -> completed
 * Collection stops at needs_subject when the identifiers match several people.
 * Rejected and completed requests are closed.
 */
export const DSAR_STATUSES = [
  'received',
  'awaiting_information',
  'verified',
  'collecting',
  'needs_subject',
  'in_review',
  'completed',
  'rejected',
] as const;
export type DsarStatus = (typeof DSAR_STATUSES)[number];
export const DSAR_OPEN_STATUSES: readonly DsarStatus[] = DSAR_STATUSES.filter(
  (s) => s !== 'completed' && s !== 'rejected',
);

export const DSAR_STATUS_LABELS: Record<DsarStatus, string> = {
  received: 'Received: to verify',
  awaiting_information: 'Waiting for ID or clarification',
  verified: 'Verified',
  collecting: 'Collecting',
  needs_subject: 'Choose the person',
  in_review: 'In review',
  completed: 'Completed',
  rejected: 'Rejected',
};

export type DsarDeadlineState = 'on_time' | 'due_soon' | 'overdue' | 'paused' | 'closed';

export const VERIFICATION_METHODS = [
  'signed_in',
  'id_document',
  'known_contact_details',
  'security_questions',
  'other',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** The methods that fit how a request came in: only a portal request was made signed in. */
export function verificationMethodsFor(channel: DsarChannel): readonly VerificationMethod[] {
  return channel === 'portal' ? VERIFICATION_METHODS : VERIFICATION_METHODS.filter((m) => m !== 'signed_in');
}

export type DsarAction =
  | 'verify'
  | 'request_information'
  | 'resume'
  | 'reject'
  | 'extend'
  | 'collect'
  | 'choose_subject'
  | 'release'
  | 'erase'
  | 'rectify'
  | 'restrict'
  | 'lift_restriction'
  | 'object'
  | 'complete'
  | 'upload_evidence';

export interface DsarProgress {
  /** e.g. 'identifiers', 'tickets', 'messages', 'mentions', 'recordings', 'audit', 'redactions', 'done' */
  phase: string;
  done: number;
  total: number;
}

export const DSAR_ITEM_TYPES = [
  'contact',
  'account',
  'ticket',
  'message',
  'attachment',
  'recording',
  'audit',
  'suppression',
  'request',
  /** A mail imported through the email channel (its headers, quoted history, signature, raw copy). */
  'email',
  /** A mail we sent, kept or held back (the outbox). */
  'outbound_email',
  /** A hard bounce marked their address undeliverable. */
  'undeliverable',
  /** An engineer's unsent reply: theirs, on their ticket, or naming them. */
  'reply_draft',
] as const;
export type DsarItemType = (typeof DSAR_ITEM_TYPES)[number];

/**
 * How a released package's requester proves it is them: signed in as the account that asked from
 * the portal, or (a request the DPO recorded, e.g. by post or for a third party) a one-time code
 * the DPO passes on separately from the link.
 */
export type DsarDownloadAccess = 'sign_in' | 'one_time_code';

/** The header that carries a one-time download code. */
export const DSAR_DOWNLOAD_CODE_HEADER = 'x-download-code';

export const DSAR_SOCKET_EVENT = 'dsar.progress';

/** What the DPO console hears while a collection runs (ids and counts only). */
export interface DsarProgressEvent {
  id: string;
  status: DsarStatus;
  progress: DsarProgress | null;
}

/** `DSAR-000012` */
export function formatDsarReference(n: number | string): string {
  return `DSAR-${String(n).padStart(6, '0')}`;
}
