/**
 * What the OpenAPI document does not describe yet, typed as its descriptions say, so the web client
 * stays typed meanwhile. Each entry goes once `npm run api-client` brings the document's own schema
 * (schema.spec.ts fails for an entry of `UndescribedResponses` the document has come to describe).
 * Keys are `<method> <path>` as in the document.
 */
import type {
  AttachmentInfo,
  ControllerIdentity,
  CreateDsarResponse,
  CreateTicketRequest,
  DashboardStats,
  DemoInfo,
  DsarDashboard,
  DsarDetail,
  DsarDownloadCode,
  DsarDownloadStatus,
  DsarItem,
  DsarRelease,
  DsarSummary,
  ErasurePreview,
  ErasureReceipt,
  Page,
  PersonRef,
  RectifyDsarRequest,
  Role,
  SignInEmailChangeRequested,
  TicketDetail,
  TicketGroup,
  TicketHistoryEntry,
  TicketListResponse,
  TicketMessage,
  UpdateControllerSettingsRequest,
} from '@hushdesk/contracts';
import type { Collection, FieldPolicy, PersonalField } from '@hushdesk/privacy';
import type { components } from './schema';

type Schemas = components['schemas'];

// ---------------------------------------------------------------------------
// Privacy office
// ---------------------------------------------------------------------------

/**
 * `GET /privacy/fields`: a policy with how many values are stored, its retention in words, the
 * collection values the field allows and, when that is fewer than all, why.
 */
export type FieldPolicyView = FieldPolicy & {
  storedValues: number;
  retentionText: string;
  collections: Collection[];
  collectionNote: string | null;
};

/** What a PATCH may change; send only what changed. */
export type FieldPolicyUpdate = Partial<
  Pick<
    FieldPolicy,
    'purposes' | 'lawfulBasis' | 'collection' | 'retention' | 'visibility' | 'masking' | 'purposeHint'
  >
>;

/** `GET /privacy/collection`: what forms should ask for. */
export type CollectedField = Pick<FieldPolicy, 'field' | 'label' | 'collection' | 'purposeHint'>;

/** One line of the generated privacy notice (fields that are collected). */
export interface NoticeEntry {
  field: PersonalField;
  label: string;
  category: string;
  collection: Collection;
  purposes: string[];
  lawfulBasis: FieldPolicy['lawfulBasis'];
  /** In words, e.g. "90 days after the ticket closes". */
  retention: string;
}

export interface PurgeResult {
  field: string;
  dryRun: boolean;
  values: number;
}

export interface RopaActivity {
  name: string;
  purposes: string[];
  lawfulBases: FieldPolicy['lawfulBasis'][];
  dataSubjects: string;
  dataCategories: { field: PersonalField; label: string; collection: Collection; retention: string }[];
  recipients: string;
  retention: string[];
  internationalTransfers: string;
  securityMeasures: string[];
}

/** The Art. 30 record of processing activities, generated from the live registry. */
export interface Ropa {
  /** The controller's name, or a sentence saying it is not set. */
  controller: string;
  /** Name and contact details of the controller and its DPO (Art. 30(1)(a)); null until set. */
  controllerContact: ControllerIdentity | null;
  generatedAt: string;
  activities: RopaActivity[];
}

/** One entry of the hash-chained audit trail. */
export interface AuditEntry {
  seq: string;
  at: string;
  actorId: string | null;
  actorRole: Role | null;
  action: string;
  subjectPersonId: string | null;
  targetType: string | null;
  targetId: string | null;
  fields: string[];
  reason: string | null;
  details: Record<string, unknown>;
  hash: string;
}

/** One retention expiry that shortened the chain, with the policy that caused it. */
export interface AuditExpiry {
  /** When the entries were removed. */
  at: string;
  entries: number;
  upToSeq: string;
  /** Entries written before this went (null for expiries older than this record). */
  olderThan: string | null;
  retentionDays: number | null;
  /** Who had set that retention (null: the default, or raised by an upgrade). */
  setBy: { id: string; role: Role | null } | null;
  setAt: string | null;
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  firstBroken: { seq: number; reason: string } | null;
  expiries: AuditExpiry[];
}

/** A field revealed in clear, given a reason (audited by the API). */
export interface RevealedField<F extends string = string> {
  field: F;
  value: string | null;
}

// ---------------------------------------------------------------------------
// Retention
// ---------------------------------------------------------------------------

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

export type SkipReason = 'legal_hold' | 'open_dsar';

/** What one field's sweep cleared (or, in a dry run, would clear). */
export interface FieldSweep {
  field: string;
  /** e.g. "90 days from ticket_closed". */
  retention: string;
  values: number;
}

/** What a run deleted, or for a dry run what it would delete: a started run's `report`. */
export interface RetentionReport {
  dryRun: boolean;
  startedAt: string;
  finishedAt?: string;
  recordings: {
    /** Past their retention and free to go (deleted, or would be). */
    expired: number;
    deleted: number;
    /** At most 1000; the counts are always complete. */
    ids: string[];
    skipped: { legalHold: number; openDsar: number };
    skippedIds: { id: string; why: SkipReason }[];
  };
  fields?: { dryRun?: boolean; at?: string; fields: FieldSweep[] };
  /** Closed tickets past their period: anonymised (or, in a dry run, that would be). */
  closedTickets?: { closedBefore: string; anonymised: number; ids: string[] };
  /** Audit entries past their period: removed (or, in a dry run, that would be). */
  audit?: { olderThan: string; entries: number };
  blobs: { deleted: number; failed: number };
  /** Categories with a retention period this engine does not enforce yet. */
  notYetSwept: string[];
}

export interface RetentionRun {
  id: string;
  status: RunStatus;
  dryRun: boolean;
  /** Empty (`{}`) until the run has started; partial while it is running. */
  report: unknown;
  createdAt: string;
  finishedAt: string | null;
}

export interface RetentionPolicy {
  category: string;
  days: number;
  updatedAt: string;
  /** The shortest period the API accepts (the audit trail: one year). */
  minDays: number;
  /** Who may change it (the audit trail: the DPO only). */
  editableBy: Role[];
}

export interface ForecastWeek {
  /** The Monday, as YYYY-MM-DD. The first week also counts anything already overdue. */
  weekStart: string;
  recordings: number;
}

export interface HeldRecording {
  id: string;
  startedAt: string;
  expiresAt: string;
  reason: string;
  heldAt: string;
}

// ---------------------------------------------------------------------------
// Recordings
// ---------------------------------------------------------------------------

export interface LegalHold {
  reason: string;
  byId: string | null;
  at: string;
}

/** The document gives `hold` as a bare object. */
export type Recording = Omit<Schemas['RecordingDto'], 'hold'> & { hold: LegalHold | null };
export type RecordingSearchHit = Omit<Schemas['RecordingSearchHitDto'], 'hold'> & { hold: LegalHold | null };

// ---------------------------------------------------------------------------
// The gaps, by route
// ---------------------------------------------------------------------------

/** Success answers the document describes in words only (or not at all). */
export interface UndescribedResponses {
  'get /api/engineers': PersonRef[];
  'get /api/demo': DemoInfo;
  'get /api/audit': Page<AuditEntry>;
  'get /api/audit/verify': ChainVerification;
  'get /api/privacy/fields': FieldPolicyView[];
  'patch /api/privacy/fields/{name}': FieldPolicy;
  'post /api/privacy/fields/{name}/purge': PurgeResult;
  'get /api/privacy/collection': CollectedField[];
  'get /api/privacy/notice': NoticeEntry[];
  'get /api/privacy/ropa': Ropa;
  'post /api/tickets/{id}/reveal': RevealedField<Schemas['RevealTicketFieldDto']['field']>;
  'post /api/people/{id}/reveal': RevealedField<Schemas['RevealDto']['field']>;
  'get /api/tickets': TicketListResponse;
  'get /api/tickets/{id}/history': TicketHistoryEntry[];
  'get /api/tickets/{id}/messages': Page<TicketMessage>;
  'get /api/groups': TicketGroup[];
  'get /api/dashboard': DashboardStats;
  'get /api/tickets/{id}/attachments': AttachmentInfo[];
  'post /api/tickets/{id}/attachments': AttachmentInfo;
  'get /api/recordings': Page<Recording>;
  'post /api/retention/runs': RetentionRun;
  'get /api/retention/runs': RetentionRun[];
  'get /api/retention/runs/{id}': RetentionRun;
  'get /api/retention/policies': RetentionPolicy[];
  'patch /api/retention/policies/{category}': RetentionPolicy;
  'get /api/retention/forecast': ForecastWeek[];
  'get /api/retention/holds': HeldRecording[];
  'post /api/dsar': CreateDsarResponse;
  'get /api/dsar': Page<DsarSummary>;
  'get /api/dsar/dashboard': DsarDashboard;
  'get /api/dsar/downloads/{token}/status': DsarDownloadStatus;
  'get /api/dsar/{id}': DsarDetail;
  /** The request as it is now; `collect` and `subject` answer 202 without a body. */
  'post /api/dsar/{id}/verify': DsarDetail | undefined;
  'post /api/dsar/{id}/request-information': DsarDetail | undefined;
  'post /api/dsar/{id}/resume': DsarDetail | undefined;
  'post /api/dsar/{id}/reject': DsarDetail | undefined;
  'post /api/dsar/{id}/extend': DsarDetail | undefined;
  'post /api/dsar/{id}/collect': DsarDetail | undefined;
  'post /api/dsar/{id}/subject': DsarDetail | undefined;
  'post /api/dsar/{id}/rectify': DsarDetail | undefined;
  'post /api/dsar/{id}/restrict': DsarDetail | undefined;
  'post /api/dsar/{id}/lift-restriction': DsarDetail | undefined;
  'post /api/dsar/{id}/object': DsarDetail | undefined;
  'post /api/dsar/{id}/complete': DsarDetail | undefined;
  'put /api/dsar/{id}/evidence': DsarDetail | undefined;
  'get /api/dsar/{id}/items': Page<DsarItem>;
  'put /api/dsar/{id}/items/{itemId}/exclusion': unknown;
  'put /api/dsar/{id}/redactions/{redactionId}': unknown;
  'post /api/dsar/{id}/release': DsarRelease;
  'post /api/dsar/{id}/download-code': DsarDownloadCode;
  'get /api/dsar/{id}/erasure-preview': ErasurePreview;
  'post /api/dsar/{id}/erase': ErasureReceipt;
}

/** Success answers whose schema in the document leaves out or loosens what the API sends. */
export interface IncompleteResponses {
  /** The document gives the summary; the API answers with the whole ticket. */
  'post /api/tickets': TicketDetail;
  'get /api/tickets/{id}': TicketDetail;
  'patch /api/tickets/{id}': TicketDetail;
  'post /api/tickets/{id}/undo': TicketDetail;
  'post /api/recordings': Recording;
  'get /api/recordings/{id}': Recording;
  'put /api/recordings/{id}/audio': Recording;
  'post /api/recordings/{id}/hold': Recording;
  'delete /api/recordings/{id}/hold': Recording;
  /** The document gives a bare array; the API answers with a page. */
  'post /api/recordings/search': Page<RecordingSearchHit>;
  /** The document gives the 202's `emailChange.status` as a bare object. */
  'patch /api/people/{id}':
    Schemas['PersonDto'] | { person: Schemas['PersonDto']; emailChange: SignInEmailChangeRequested };
}

/** A person's update as forms send it: `null` clears a field (the document does not say it may). */
export type PersonUpdate = {
  [K in keyof Schemas['UpdatePersonDto']]?: Schemas['UpdatePersonDto'][K] | null;
};

/**
 * Request bodies the document leaves out or gets wrong (fields that take `null` to clear them). Files
 * go as the browser holds them: a `FormData` (multipart) or the raw `Blob`.
 */
export interface RequestBodies {
  'post /api/tickets': { 'application/json': CreateTicketRequest };
  'patch /api/people/{id}': { 'application/json': PersonUpdate };
  'put /api/settings/controller': { 'application/json': UpdateControllerSettingsRequest };
  /** The document gives `changes` as the person update, `currentPassword` included. */
  'post /api/dsar/{id}/rectify': { 'application/json': RectifyDsarRequest };
  'patch /api/privacy/fields/{name}': { 'application/json': FieldPolicyUpdate };
  'post /api/tickets/{id}/attachments': { 'multipart/form-data': FormData };
  'put /api/recordings/{id}/audio': { 'application/octet-stream': Blob };
  'put /api/dsar/{id}/evidence': { 'application/octet-stream': Blob };
}
