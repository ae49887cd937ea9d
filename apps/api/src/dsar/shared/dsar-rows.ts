import { formatDsarReference, type DsarAction, type DsarDeadlineState } from '@hushdesk/contracts';
import type {
  DsarCandidateDto,
  DsarDetailDto,
  DsarRequestedChangesDto,
  DsarSummaryDto,
} from '../dto/dsar-responses.dto';
import { deadlineState, dsarDueAt, extensionDeadline } from '@hushdesk/privacy';
import { DomainError, DomainErrorCode } from '../../common/errors/domain-error';
import type { NameView } from '../../privacy/name-view';
import type { DsarRequestEntity } from './dsar-request.entity';

/** The right to complain (Art. 77), in every refusal and every answer package. */
export const COMPLAINT =
  'You can complain to the Information Commissioner’s Office (ICO), Wycliffe House, Water Lane, Wilmslow SK9 5AF; ico.org.uk; 0303 123 1113.';

/** The request's columns as the service selects them, with the subject's display name. */
export const DSAR_COLUMNS = `d.id, d.reference, d.kind, d.status, d.channel, d.subject_person_id, d.subject_decision, d.subject, d.subject_label,
  d.requester_relation, d.requester_name, d.requester_user_id, d.details, d.requested_changes, d.evidence_blob_key, d.evidence_file_name,
  d.evidence_size_bytes, d.received_at, d.due_at, d.pauses, d.extension_months, d.extension_reason, d.extended_at,
  d.verification_method, d.verification_note, d.verified_at, d.rejection_reason, d.rejected_at, d.progress, d.counts,
  d.candidates, d.collected_at, d.collection_ms, d.receipt, d.outcome, d.restriction_lifted_at, d.closed_at,
  d.created_at, p.full_name AS person_name, p.email AS person_email,
  (p.processing_restricted_at IS NOT NULL) AS restriction_active`;
export const DSAR_FROM = 'dsar_requests d LEFT JOIN people p ON p.id = d.subject_person_id';

type Snake<T> = { [K in keyof T as K extends string ? SnakeKey<K> : never]: T[K] };
type SnakeKey<S extends string> = S extends `${infer H}${infer R}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeKey<R>}`
  : S;

export type DsarRow = Snake<Omit<DsarRequestEntity, 'reference'>> & {
  reference: string;
  person_name: string | null;
  person_email: string | null;
  restriction_active: boolean;
};

export function deadlineOf(row: Pick<DsarRow, 'received_at' | 'pauses' | 'extension_months'>) {
  return {
    receivedAt: row.received_at,
    pauses: row.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null })),
    extensionMonths: row.extension_months,
  };
}

export function isClosed(row: Pick<DsarRow, 'status'>): boolean {
  return row.status === 'completed' || row.status === 'rejected';
}

function stateOf(row: DsarRow, now: Date): DsarDeadlineState {
  return isClosed(row) ? 'closed' : deadlineState(deadlineOf(row), now);
}

/**
 * `names`: the viewer's view of people's names (`person.fullName`). The subject's name, from their
 * record or as given at intake, is theirs: the subject sees it, others per their row.
 */
export function toSummary(row: DsarRow, now = new Date(), names?: NameView): DsarSummaryDto {
  const subjectName = (name: string | null | undefined) =>
    names ? names.ofPerson(name ?? null, row.subject_person_id) : (name ?? null);
  return {
    id: row.id,
    reference: formatDsarReference(row.reference),
    kind: row.kind,
    status: row.status,
    channel: row.channel,
    receivedAt: row.received_at.toISOString(),
    dueAt: (isClosed(row) ? row.due_at : dsarDueAt(deadlineOf(row), now)).toISOString(),
    deadlineState: stateOf(row, now),
    subjectLabel:
      row.subject_label ??
      subjectName(row.person_name) ??
      subjectName(row.subject.fullName) ??
      row.person_email ??
      row.subject.email ??
      row.subject.phone ??
      'Unknown person',
    requesterRelation: row.requester_relation,
    closedAt: row.closed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export function extensionAllowed(row: DsarRow, now = new Date()): boolean {
  return !isClosed(row) && row.extension_months === 0 && now <= extensionDeadline(deadlineOf(row), now);
}

/** What the DPO may do next; the service checks the same rules when an action arrives. */
export function allowedActions(row: DsarRow, now = new Date()): DsarAction[] {
  const actions: DsarAction[] = [];
  const thirdParty = row.requester_relation === 'third_party';
  switch (row.status) {
    case 'received':
      actions.push('verify', 'request_information', 'reject');
      if (thirdParty) actions.push('upload_evidence');
      break;
    case 'awaiting_information':
      actions.push('verify', 'resume', 'reject');
      if (thirdParty) actions.push('upload_evidence');
      break;
    case 'verified':
      actions.push(...fulfilment(row), 'complete', 'reject');
      break;
    case 'needs_subject':
      actions.push('choose_subject', 'reject');
      break;
    case 'in_review':
      if (row.kind === 'access' || row.kind === 'portability') actions.push('release', 'collect', 'complete');
      else if (row.kind === 'erasure') actions.push('erase', 'collect');
      else actions.push(...fulfilment(row), 'complete');
      break;
    case 'completed':
      if (row.kind === 'restriction' && row.restriction_active) actions.push('lift_restriction');
      break;
    case 'collecting': // the job is at work: nothing to do until it hands the request back
    case 'rejected':
      break;
  }
  if (extensionAllowed(row, now)) actions.push('extend');
  return actions;
}

function fulfilment(row: DsarRow): DsarAction[] {
  switch (row.kind) {
    case 'access':
    case 'portability':
      return ['collect'];
    case 'erasure':
      return ['collect', 'erase'];
    case 'rectification':
      return ['rectify'];
    case 'restriction':
      return ['restrict'];
    case 'objection':
      return ['object'];
  }
}

export function toDetail(
  row: DsarRow,
  extra: {
    candidates: DsarCandidateDto[];
    release: DsarDetailDto['release'];
    forRequester: boolean;
    names?: NameView;
  },
  now = new Date(),
): DsarDetailDto {
  const deadline = deadlineOf(row);
  const { names } = extra;
  const subject =
    names && row.subject.fullName !== undefined
      ? { ...row.subject, fullName: names.ofPerson(row.subject.fullName, row.subject_person_id) ?? undefined }
      : row.subject;
  const detail: DsarDetailDto = {
    ...toSummary(row, now, names),
    subject,
    subjectPersonId: row.subject_person_id,
    subjectDecision: row.subject_decision,
    details: row.details,
    requestedChanges: requestedChanges(row),
    // A third party acting for the subject: their name is a person's name like any other.
    requesterName: names ? names.of(row.requester_name, row.requester_user_id) : row.requester_name,
    evidence:
      row.evidence_file_name && row.evidence_blob_key
        ? { fileName: row.evidence_file_name, sizeBytes: row.evidence_size_bytes ?? 0 }
        : null,
    verification:
      row.verified_at && row.verification_method
        ? {
            method: row.verification_method,
            note: row.verification_note,
            verifiedAt: row.verified_at.toISOString(),
          }
        : null,
    rejection:
      row.rejected_at && row.rejection_reason
        ? { reason: row.rejection_reason, rejectedAt: row.rejected_at.toISOString() }
        : null,
    pauses: row.pauses,
    extension:
      row.extension_months && row.extended_at
        ? {
            months: row.extension_months,
            reason: row.extension_reason ?? '',
            decidedAt: row.extended_at.toISOString(),
          }
        : null,
    extensionAllowedUntil: extensionDeadline(deadline, now).toISOString(),
    progress: row.progress,
    counts: row.counts,
    noDataFound: row.collected_at !== null && row.progress?.phase === 'done' && row.progress.total === 0,
    candidates: extra.candidates,
    release: extra.release,
    receipt: row.receipt,
    restrictionActive: row.restriction_active,
    outcome: row.outcome,
    allowedActions: allowedActions(row, now),
  };
  if (!extra.forRequester) return detail;
  // The requester sees the progress of their request, not the DPO's working notes.
  return {
    ...detail,
    subject: {},
    evidence: null,
    verification: detail.verification && { ...detail.verification, note: null },
    counts: null,
    candidates: [],
    receipt: null,
    allowedActions: [],
  };
}

/** Only the fields a structured request may carry, named one by one. */
function requestedChanges(row: DsarRow): DsarRequestedChangesDto | null {
  const email = row.requested_changes?.email;
  return typeof email === 'string' && email ? { email } : null;
}

/** 409 naming the state and what is possible, unless the action is allowed now. */
export function assertAllowed(row: DsarRow, action: DsarAction): void {
  const allowed = allowedActions(row);
  if (allowed.includes(action)) return;
  throw new DomainError(
    DomainErrorCode.InvalidState,
    `status: the request is ${row.status}; ${action.replace(/_/g, ' ')} is not possible now` +
      (allowed.length ? ` (possible: ${allowed.join(', ')})` : ''),
  );
}

export function ambiguous(): DomainError {
  return new DomainError(
    DomainErrorCode.InvalidState,
    'subject: the identifiers match several people; collect, then choose the person',
  );
}
