import { apiPaths, type ControllerIdentity, type Page, type Role } from '@hushdesk/contracts';
import type { Collection, FieldPolicy, PersonalField } from '@hushdesk/privacy';
import { apiClient } from '../../../lib/api-client';

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

export interface AuditFilters {
  actorId?: string;
  subjectPersonId?: string;
  action?: string;
  /** ISO 8601 date-times; `to` is exclusive. */
  from?: string;
  to?: string;
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

export const privacyApi = {
  fields: (signal?: AbortSignal) => apiClient.get<FieldPolicyView[]>(apiPaths.privacyFields, { signal }),

  updateField: (field: PersonalField, body: FieldPolicyUpdate) =>
    apiClient.patch<FieldPolicy>(apiPaths.privacyField(field), body),

  purgeField: (field: PersonalField, dryRun: boolean) =>
    apiClient.post<PurgeResult>(apiPaths.privacyFieldPurge(field), { dryRun }),

  collection: (signal?: AbortSignal) =>
    apiClient.get<CollectedField[]>(apiPaths.privacyCollection, { signal }),

  notice: (signal?: AbortSignal) => apiClient.get<NoticeEntry[]>(apiPaths.privacyNotice, { signal }),

  ropa: (signal?: AbortSignal) => apiClient.get<Ropa>(apiPaths.ropa, { signal }),

  audit: (filters: AuditFilters, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
    apiClient.get<Page<AuditEntry>>(apiPaths.audit, { query: { ...filters, ...page }, signal }),

  verifyAudit: () => apiClient.get<ChainVerification>(apiPaths.auditVerify),
};
