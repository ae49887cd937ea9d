import type { PersonalField } from '@hushdesk/privacy';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  privacyApi,
  type AuditFilters,
  type FieldPolicyUpdate,
  type FieldPolicyView,
} from '../api/privacy-api';

const AUDIT_PAGE_SIZE = 50;

export const privacyKeys = {
  all: ['privacy'] as const,
  fields: () => [...privacyKeys.all, 'fields'] as const,
  collection: () => [...privacyKeys.all, 'collection'] as const,
  notice: () => [...privacyKeys.all, 'notice'] as const,
  ropa: () => [...privacyKeys.all, 'ropa'] as const,
  audit: (filters: AuditFilters) => [...privacyKeys.all, 'audit', filters] as const,
};

/** Every personal-data field with its policy (DPO and admin). */
export function useFieldPolicies() {
  return useQuery({
    queryKey: privacyKeys.fields(),
    queryFn: ({ signal }) => privacyApi.fields(signal),
  });
}

/** Saves a change to one field's policy; everything generated from the registry is refetched. */
export function useUpdateFieldPolicy(field: PersonalField) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: FieldPolicyUpdate) => privacyApi.updateField(field, patch),
    onSuccess: (saved) => {
      // Show the saved policy at once; the counts and wording follow with the refetch.
      queryClient.setQueryData<FieldPolicyView[]>(privacyKeys.fields(), (list) =>
        list?.map((policy) => (policy.field === saved.field ? { ...policy, ...saved } : policy)),
      );
      return queryClient.invalidateQueries({ queryKey: privacyKeys.all });
    },
  });
}

/** Counts (dry run) or deletes the stored values of a field that is no longer collected. */
export function usePurgeField(field: PersonalField) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRun: boolean) => privacyApi.purgeField(field, dryRun),
    onSuccess: (result) =>
      result.dryRun ? undefined : queryClient.invalidateQueries({ queryKey: privacyKeys.fields() }),
  });
}

/**
 * What forms may ask for, and the purpose to show next to optional fields. Always checked again
 * when a form opens, so a field the DPO has just switched off is not offered.
 */
export function useCollection() {
  return useQuery({
    queryKey: privacyKeys.collection(),
    queryFn: ({ signal }) => privacyApi.collection(signal),
    staleTime: 0,
  });
}

/** The privacy notice, generated from the registry. */
export function usePrivacyNotice() {
  return useQuery({
    queryKey: privacyKeys.notice(),
    queryFn: ({ signal }) => privacyApi.notice(signal),
  });
}

/** The record of processing activities (Art. 30), generated from the registry. */
export function useRopa() {
  return useQuery({
    queryKey: privacyKeys.ropa(),
    queryFn: ({ signal }) => privacyApi.ropa(signal),
    staleTime: 0,
  });
}

/** The audit trail, newest first, a page at a time. */
export function useAuditTrail(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: privacyKeys.audit(filters),
    queryFn: ({ pageParam, signal }) =>
      privacyApi.audit(filters, { limit: AUDIT_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/** Re-computes the audit trail's hash chain end to end, on demand. */
export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => privacyApi.verifyAudit() });
}
