import type { Role } from './roles';
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

export interface DsarSubjectIdentifiers {
  email?: string;
  phone?: string;
  fullName?: string;
  personId?: string;
}

export interface CreateDsarResponse {
  id: string;
  reference: string;
  status: DsarStatus;
  dueAt: string;
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

export interface DsarCounts {
  contact: number;
  accounts: number;
  tickets: number;
  messages: number;
  mentions: number;
  attachments: number;
  recordings: number;
  auditEntries: number;
  earlierRequests: number;
  excluded: number;
  redactions: number;
}

export interface DsarCandidate {
  personId: string;
  fullName: string | null;
  email: string | null;
  phone: string | null;
  organisationName: string | null;
  /** Which of the given identifiers matched this person. */
  matchedBy: ('email' | 'phone' | 'fullName' | 'personId')[];
  /** Their sign-in account's role; a staff account is never chosen without the DPO. */
  accountRole: Role | null;
}

export interface DsarPause {
  from: string;
  to: string | null;
  reason: string;
}

export interface DsarSummary {
  id: string;
  /** DSAR-000012 */
  reference: string;
  kind: DsarKind;
  status: DsarStatus;
  channel: DsarChannel;
  receivedAt: string;
  dueAt: string;
  deadlineState: DsarDeadlineState;
  /** Who it is about, for the DPO ("Former customer #12" after erasure). */
  subjectLabel: string;
  requesterRelation: 'subject' | 'third_party';
  closedAt: string | null;
  createdAt: string;
}

export interface ErasureReceipt {
  reference: string;
  erasedAt: string;
  actions: { action: string; count: number }[];
  kept: { what: string; count: number; why: string }[];
  rescan: { remaining: number; checked: string[] };
}

/**
 * A change the person asked for in a structured form, so the DPO's form can start from it: today
 * the new sign-in email from My details (which only the DPO applies). Null otherwise.
 */
export interface DsarRequestedChanges {
  email?: string;
}

export interface DsarDetail extends DsarSummary {
  /** The identifiers as given and expanded (the DPO only; empty after erasure). */
  subject: DsarSubjectIdentifiers;
  subjectPersonId: string | null;
  /**
   * The DPO's decision on the subject: `person` (chosen among candidates), `nobody` (on no record,
   * only mentioned), or null while the identifiers decided.
   */
  subjectDecision: 'person' | 'nobody' | null;
  details: string | null;
  /** Rectification asked for in a structured form (the requester's own data), else null. */
  requestedChanges: DsarRequestedChanges | null;
  requesterName: string | null;
  evidence: { fileName: string; sizeBytes: number } | null;
  verification: { method: VerificationMethod; note: string | null; verifiedAt: string } | null;
  rejection: { reason: string; rejectedAt: string } | null;
  pauses: DsarPause[];
  extension: { months: 1 | 2; reason: string; decidedAt: string } | null;
  /** The last moment an extension may be decided (the end of the first month). */
  extensionAllowedUntil: string;
  progress: DsarProgress | null;
  counts: DsarCounts | null;
  /** Collection finished and found nothing about the subject. */
  noDataFound: boolean;
  candidates: DsarCandidate[];
  /** The expiring download for the requester, once released. */
  release: {
    expiresAt: string;
    downloadPath: string;
    downloadedAt: string | null;
    access: DsarDownloadAccess;
  } | null;
  receipt: ErasureReceipt | null;
  /** Processing of the subject's data is restricted (tickets read-only except for the DPO). */
  restrictionActive: boolean;
  /** Told to the requester, e.g. that a restriction was lifted, or the right to complain. */
  outcome: string | null;
  allowedActions: DsarAction[];
}

export interface DsarDashboard {
  open: number;
  dueSoon: number;
  overdue: number;
  paused: number;
  /** Open requests by the Monday of the week they are due, oldest first. */
  byWeek: { weekStart: string; count: number }[];
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
] as const;
export type DsarItemType = (typeof DSAR_ITEM_TYPES)[number];

/** A piece of an item's text: plain, or another person's identifier (redacted unless undone). */
export type DsarSegment =
  | { text: string }
  | { redactionId: string; kind: 'email' | 'phone' | 'name'; original: string; redacted: boolean };

export interface DsarItem {
  id: string;
  type: DsarItemType;
  sourceId: string;
  ticketId: string | null;
  ticketReference: string | null;
  /** Why it was found: requester, party, author, mention:email, mention:phone, mention:name, person, caller... */
  foundBy: string[];
  title: string;
  at: string | null;
  segments: DsarSegment[];
  excluded: { reason: string; at: string } | null;
}

export interface ErasurePreview {
  erase: { what: string; count: number }[];
  keep: { what: string; count: number; why: string }[];
  /** Type this exactly to confirm, e.g. "ERASE DSAR-000012". */
  confirmationPhrase: string;
}

export interface RectifyDsarRequest {
  changes: {
    fullName?: string;
    email?: string;
    phone?: string | null;
    jobTitle?: string | null;
    employer?: string | null;
    workAddress?: string | null;
    imHandle?: string | null;
  };
  note?: string;
}

/**
 * How a released package's requester proves it is them: signed in as the account that asked from
 * the portal, or (a request the DPO recorded, e.g. by post or for a third party) a one-time code
 * the DPO passes on separately from the link.
 */
export type DsarDownloadAccess = 'sign_in' | 'one_time_code';

/** The DPO's answer to a release: shown once, since only hashes of the token and code are kept. */
export interface DsarRelease {
  /** The API download: `GET` it signed in, or with the code in `x-download-code`. */
  downloadPath: string;
  /** The web page to send the requester, which asks for sign-in or the code and downloads. */
  pagePath: string;
  expiresAt: string;
  access: DsarDownloadAccess;
  /** Only for `one_time_code`: `ABCD-EFGH`, working once. */
  oneTimeCode?: string;
}

/** `POST /api/dsar/:id/download-code`: a new one-time code for the live link (the old one stops working). */
export interface DsarDownloadCode {
  oneTimeCode: string;
  expiresAt: string;
}

/** `GET /api/dsar/downloads/:token/status`: what the download page needs to know, nothing more. */
export interface DsarDownloadStatus {
  access: DsarDownloadAccess;
  expiresAt: string;
  state: 'available' | 'expired' | 'code_used' | 'code_locked';
}

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

/**
 * `PATCH /api/people/:id` by the person themselves with a new `email` (and `currentPassword`):
 * 202, the other fields saved and the email change recorded as a rectification request for the
 * DPO. Identical whether or not another account has the address.
 */
export interface SignInEmailChangeRequested {
  id: string;
  /** `DSAR-000123` */
  reference: string;
  status: DsarStatus;
  dueAt: string;
}
