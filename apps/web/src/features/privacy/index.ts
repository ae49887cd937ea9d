/** The privacy feature as other features and the app shell see it. */
export type {
  AuditEntry,
  AuditExpiry,
  AuditFilters,
  CollectedField,
  FieldPolicyUpdate,
  FieldPolicyView,
  NoticeEntry,
  RopaActivity,
} from './api/privacy-api';
export { RevealableValue } from './components/RevealableValue';
export {
  useControllerSettings,
  usePublishedController,
  useUpdateControllerSettings,
} from './hooks/use-controller';
export {
  useAuditTrail,
  useCollection,
  useFieldPolicies,
  usePrivacyNotice,
  usePurgeField,
  useRopa,
  useUpdateFieldPolicy,
  useVerifyAuditChain,
} from './hooks/use-privacy';
export {
  AUDIT_ACTION_LABELS,
  COLLECTION_LABELS,
  COLLECTION_OPTIONS,
  LAWFUL_BASIS_ARTICLES,
  LAWFUL_BASIS_EXPLAINED,
  LAWFUL_BASIS_LABELS,
  LAWFUL_BASIS_OPTIONS,
  MASKING_LABELS,
  MASKING_OPTIONS,
  RETENTION_EVENT_LABELS,
  RETENTION_EVENT_OPTIONS,
  VISIBILITY_LABELS,
  VISIBILITY_OPTIONS,
  VISIBILITY_ROLES,
} from './labels';
