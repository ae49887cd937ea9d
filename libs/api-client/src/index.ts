/**
 * The HTTP API as the OpenAPI document (`openapi.json`) describes it, for typed clients: `paths` for
 * openapi-fetch's `createClient<paths>()`, and names for the shapes clients pass around. Everything
 * here is generated into `schema.d.ts` (`npm run api-client`) or derived from it: when a shape is
 * wrong, fix the API's DTO and regenerate, never a type here.
 */
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
type OkStatus = 200 | 201 | 202 | 203 | 204 | 206;

/** `<method> <path>` of every route in the document. */
export type RouteKey = {
  [P in keyof paths & string]: {
    [M in HttpMethod]: paths[P] extends { [K in M]: object } ? `${M} ${P}` : never;
  }[HttpMethod];
}[keyof paths & string];

type PathWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];
type Operation<M extends HttpMethod, P extends PathWith<M>> = paths[P] extends { [K in M]: infer Op }
  ? Op
  : never;

/** The JSON body of a route's success answer (`undefined` for an answer without one). */
export type ResponseOf<M extends HttpMethod, P extends PathWith<M>> =
  Operation<M, P> extends { responses: infer R }
    ? {
        [S in keyof R & OkStatus]: R[S] extends { content: { 'application/json': infer T } } ? T : undefined;
      }[keyof R & OkStatus]
    : never;

/** The JSON body a route takes. */
export type RequestBodyOf<M extends HttpMethod, P extends PathWith<M>> =
  Operation<M, P> extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

/** The query parameters a route takes. */
export type QueryOf<M extends HttpMethod, P extends PathWith<M>> = NonNullable<
  Operation<M, P> extends { parameters: { query?: infer Q } } ? Q : never
>;

// ---------------------------------------------------------------------------
// Names for the shapes, from the routes that carry them
// ---------------------------------------------------------------------------

/** A keyset page of the document (every `*PageDto`: `items`, and `nextCursor` to pass back as `cursor`). */
export type Page<T> = Pick<Schemas['AuditEntryPageDto'], 'nextCursor'> & { items: T[] };

export type LoginRequest = RequestBodyOf<'post', '/api/auth/login'>;
export type LoginResponse = Schemas['LoginResponseDto'];
export type ChangePasswordRequest = RequestBodyOf<'post', '/api/auth/password'>;
export type AuthUser = Schemas['AuthUserDto'];
export type DemoInfo = ResponseOf<'get', '/api/demo'>;

export type Organisation = Schemas['OrganisationDto'];
export type CreateOrganisationRequest = RequestBodyOf<'post', '/api/organisations'>;
export type UserSummary = Schemas['UserDto'];
export type CreateUserRequest = RequestBodyOf<'post', '/api/users'>;
export type UsersQuery = QueryOf<'get', '/api/users'>;

export type ControllerSettings = Schemas['ControllerSettingsDto'];
export type UpdateControllerSettingsRequest = RequestBodyOf<'put', '/api/settings/controller'>;
export type PublishedController = Schemas['PublishedControllerDto'];
export type ControllerIdentity = Schemas['ControllerIdentityDto'];

export type PersonRecord = ResponseOf<'get', '/api/people/{id}'>;
export type PersonUpdate = RequestBodyOf<'patch', '/api/people/{id}'>;
export type PersonUpdateResult = ResponseOf<'patch', '/api/people/{id}'>;
export type SignInEmailChangeRequested = Extract<PersonUpdateResult, { emailChange: unknown }>['emailChange'];

export type TicketListResponse = ResponseOf<'get', '/api/tickets'>;
export type TicketSummary = TicketListResponse['items'][number];
export type TicketQuery = QueryOf<'get', '/api/tickets'>;
export type TicketDetail = ResponseOf<'get', '/api/tickets/{id}'>;
export type CreateTicketRequest = RequestBodyOf<'post', '/api/tickets'>;
export type UpdateTicketRequest = RequestBodyOf<'patch', '/api/tickets/{id}'>;
export type Equipment = Schemas['EquipmentDto'];
export type SlaClock = Schemas['SlaClockDto'];
export type BulkChangeRequest = RequestBodyOf<'post', '/api/tickets/bulk-changes'>;
export type BulkTicketChanges = BulkChangeRequest['changes'];
export type BulkChangeResult = ResponseOf<'post', '/api/tickets/bulk-changes'>;
export type BulkUndoResult = ResponseOf<'post', '/api/tickets/bulk-changes/{id}/undo'>;
export type TicketView = ResponseOf<'get', '/api/views'>[number];
export type CreateViewRequest = RequestBodyOf<'post', '/api/views'>;
export type UpdateViewRequest = RequestBodyOf<'patch', '/api/views/{id}'>;
export type TicketMessage = ResponseOf<'post', '/api/tickets/{id}/messages'>;
export type CreateMessageRequest = RequestBodyOf<'post', '/api/tickets/{id}/messages'>;
export type TicketHistoryEntry = ResponseOf<'get', '/api/tickets/{id}/history'>[number];
export type TicketMerge = ResponseOf<'post', '/api/tickets/{id}/merge'>;
export type AttachmentInfo = ResponseOf<'post', '/api/tickets/{id}/attachments'>;
export type TicketGroup = ResponseOf<'get', '/api/groups'>[number];
export type PersonRef = ResponseOf<'get', '/api/engineers'>[number];
export type DashboardStats = ResponseOf<'get', '/api/dashboard'>;

export type Macro = ResponseOf<'get', '/api/macros'>[number];
export type CreateMacroRequest = RequestBodyOf<'post', '/api/macros'>;
export type UpdateMacroRequest = RequestBodyOf<'patch', '/api/macros/{id}'>;
export type AppliedMacro = ResponseOf<'post', '/api/macros/{id}/apply'>;
export type ReplyDraft = ResponseOf<'get', '/api/tickets/{id}/draft'>;
export type SaveReplyDraftRequest = RequestBodyOf<'put', '/api/tickets/{id}/draft'>;
export type DraftFile = ReplyDraft['files'][number];
export type SendDraftRequest = RequestBodyOf<'post', '/api/tickets/{id}/draft/send'>;
export type SentDraft = ResponseOf<'post', '/api/tickets/{id}/draft/send'>;

export type Recording = ResponseOf<'get', '/api/recordings/{id}'>;
export type NewRecording = RequestBodyOf<'post', '/api/recordings'>;
export type RecordingQuery = QueryOf<'get', '/api/recordings'>;
export type RecordingSearch = RequestBodyOf<'post', '/api/recordings/search'>;
export type RecordingSearchHit = ResponseOf<'post', '/api/recordings/search'>['items'][number];

export type RetentionRun = ResponseOf<'get', '/api/retention/runs/{id}'>;
/** What a run's `report` holds once it has started. */
export type RetentionReport = Schemas['RetentionReportDto'];
export type FieldSweep = NonNullable<RetentionReport['fields']>['fields'][number];
export type SkipReason = RetentionReport['recordings']['skippedIds'][number]['why'];
export type RetentionPolicy = ResponseOf<'get', '/api/retention/policies'>[number];
export type ForecastWeek = ResponseOf<'get', '/api/retention/forecast'>[number];
export type HeldRecording = ResponseOf<'get', '/api/retention/holds'>[number];

export type FieldPolicyView = ResponseOf<'get', '/api/privacy/fields'>[number];
export type FieldPolicyUpdate = RequestBodyOf<'patch', '/api/privacy/fields/{name}'>;
export type CollectedField = ResponseOf<'get', '/api/privacy/collection'>[number];
export type NoticeEntry = ResponseOf<'get', '/api/privacy/notice'>[number];
export type PurgeResult = ResponseOf<'post', '/api/privacy/fields/{name}/purge'>;
export type Ropa = ResponseOf<'get', '/api/privacy/ropa'>;
export type AuditEntry = ResponseOf<'get', '/api/audit'>['items'][number];
export type AuditFilters = Omit<QueryOf<'get', '/api/audit'>, 'limit' | 'cursor'>;
export type ChainVerification = ResponseOf<'get', '/api/audit/verify'>;

export type DsarSummary = ResponseOf<'get', '/api/dsar'>['items'][number];
export type DsarListQuery = QueryOf<'get', '/api/dsar'>;
export type DsarDetail = ResponseOf<'get', '/api/dsar/{id}'>;
export type DsarCounts = NonNullable<DsarDetail['counts']>;
export type DsarCandidate = DsarDetail['candidates'][number];
export type CreateDsarRequest = RequestBodyOf<'post', '/api/dsar'>;
export type CreateDsarResponse = ResponseOf<'post', '/api/dsar'>;
export type DsarDashboard = ResponseOf<'get', '/api/dsar/dashboard'>;
export type DsarItem = ResponseOf<'get', '/api/dsar/{id}/items'>['items'][number];
export type DsarSegment = DsarItem['segments'][number];
export type VerifyDsarRequest = RequestBodyOf<'post', '/api/dsar/{id}/verify'>;
export type ExtendDsarRequest = RequestBodyOf<'post', '/api/dsar/{id}/extend'>;
export type ChooseDsarSubjectRequest = RequestBodyOf<'post', '/api/dsar/{id}/subject'>;
export type RectifyDsarRequest = RequestBodyOf<'post', '/api/dsar/{id}/rectify'>;
export type DsarRelease = ResponseOf<'post', '/api/dsar/{id}/release'>;
export type DsarDownloadCode = ResponseOf<'post', '/api/dsar/{id}/download-code'>;
export type DsarDownloadStatus = ResponseOf<'get', '/api/dsar/downloads/{token}/status'>;
export type ErasurePreview = ResponseOf<'get', '/api/dsar/{id}/erasure-preview'>;
export type ErasureReceipt = ResponseOf<'post', '/api/dsar/{id}/erase'>;
