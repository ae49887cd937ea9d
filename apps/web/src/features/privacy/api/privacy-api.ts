import type {
  AuditEntry,
  AuditFilters,
  ChainVerification,
  CollectedField,
  FieldPolicyUpdate,
  FieldPolicyView,
  NoticeEntry,
  PurgeResult,
  Ropa,
} from '@hushdesk/api-client';
import type { PersonalField } from '@hushdesk/privacy';
import { client, dataOf } from '../../../lib/api-client';

export type {
  AuditEntry,
  AuditFilters,
  ChainVerification,
  CollectedField,
  FieldPolicyUpdate,
  FieldPolicyView,
  NoticeEntry,
  PurgeResult,
  Ropa,
};
export type RopaActivity = Ropa['activities'][number];
/** One retention expiry that shortened the chain, with the policy that caused it. */
export type AuditExpiry = ChainVerification['expiries'][number];

export const privacyApi = {
  fields: (signal?: AbortSignal) => dataOf(client.GET('/api/privacy/fields', { signal })),

  updateField: (field: PersonalField, body: FieldPolicyUpdate) =>
    dataOf(client.PATCH('/api/privacy/fields/{name}', { params: { path: { name: field } }, body })),

  purgeField: (field: PersonalField, dryRun: boolean) =>
    dataOf(
      client.POST('/api/privacy/fields/{name}/purge', {
        params: { path: { name: field } },
        body: { dryRun },
      }),
    ),

  collection: (signal?: AbortSignal) => dataOf(client.GET('/api/privacy/collection', { signal })),

  notice: (signal?: AbortSignal) => dataOf(client.GET('/api/privacy/notice', { signal })),

  ropa: (signal?: AbortSignal) => dataOf(client.GET('/api/privacy/ropa', { signal })),

  audit: (filters: AuditFilters, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/audit', {
        params: { query: { ...filters, limit: page.limit, cursor: page.cursor ?? undefined } },
        signal,
      }),
    ),

  verifyAudit: () => dataOf(client.GET('/api/audit/verify')),
};
