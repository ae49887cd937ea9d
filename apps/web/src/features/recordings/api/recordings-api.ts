import { apiPaths, type Page } from '@hushdesk/contracts';
import { apiClient, apiUrl } from '../../../lib/api-client';

/** API paths of call recordings, from the shared contract. */
export const recordingPaths = {
  list: apiPaths.recordings,
  one: apiPaths.recording,
  audio: apiPaths.recordingAudio,
  hold: apiPaths.recordingHold,
  search: apiPaths.recordingsSearch,
} as const;

export type CallDirection = 'inbound' | 'outbound';

/**
 * How the recording was linked to a person: given by the caller, matched by number, or not.
 * `withheld` to roles that see people's phones masked: which person a number matched would tell
 * them the number.
 */
export type PersonMatch = 'given' | 'matched' | 'ambiguous' | 'none' | 'withheld';

export interface LegalHold {
  reason: string;
  byId: string | null;
  at: string;
}

/** One call recording, as the field policies let the caller see it. */
export interface Recording {
  id: string;
  /** Absent when the caller may not see it; masked for engineers by default. */
  callerNumber?: string;
  direction: CallDirection;
  startedAt: string;
  durationSeconds: number;
  agentId: string | null;
  ticketId: string | null;
  personId: string | null;
  personMatch: PersonMatch;
  notes: string | null;
  hasAudio: boolean;
  expiresAt: string;
  hold: LegalHold | null;
}

export interface NewRecording {
  callerNumber: string;
  direction: CallDirection;
  /** ISO 8601 date-time; not in the future. */
  startedAt: string;
  durationSeconds: number;
  ticketId?: string;
  personId?: string;
  notes?: string;
}

export interface RecordingQuery {
  ticketId?: string;
  personId?: string;
  limit?: number;
  cursor?: string | null;
}

/** What the DPO finds calls by: at least one of number, ticket and personId; days as YYYY-MM-DD. */
export interface RecordingSearch {
  /** Any format people write a number in. */
  number?: string;
  /** A ticket reference (HD-000123) or id. */
  ticket?: string;
  personId?: string;
  from?: string;
  to?: string;
}

/** A recording found by a search, with its ticket's reference. */
export interface RecordingSearchHit extends Recording {
  ticketReference: string | null;
}

/** The largest audio file the API takes (100 MB). */
export const MAX_AUDIO_BYTES = 100 * 1024 * 1024;

/**
 * The content type to send a file as. The API takes `audio/*` or `application/octet-stream` (it
 * checks the bytes itself), without parameters such as `;codecs=opus`.
 */
export function audioContentType(file: Blob): string {
  const type = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^audio\/[a-z0-9.+-]+$/.test(type) ? type : 'application/octet-stream';
}

export const recordingsApi = {
  list: (query: RecordingQuery, signal?: AbortSignal) =>
    apiClient.get<Page<Recording>>(recordingPaths.list, { query: { ...query }, signal }),

  get: (id: string, signal?: AbortSignal) => apiClient.get<Recording>(recordingPaths.one(id), { signal }),

  /** Sent in the body, so the number never sits in a URL; the API audits each search. */
  search: (search: RecordingSearch, page: { limit: number; cursor: string | null }) =>
    apiClient.post<Page<RecordingSearchHit>>(recordingPaths.search, {
      ...search,
      ...page,
      cursor: page.cursor ?? undefined,
    }),

  create: (body: NewRecording) => apiClient.post<Recording>(recordingPaths.list, body),

  putAudio: (id: string, file: Blob) =>
    apiClient.putRaw<Recording>(recordingPaths.audio(id), file, { contentType: audioContentType(file) }),

  hold: (id: string, reason: string) => apiClient.post<Recording>(recordingPaths.hold(id), { reason }),

  releaseHold: (id: string) => apiClient.delete<Recording>(recordingPaths.hold(id)),
};

/** The audio's URL, for an `<audio>` element: same origin, so the session cookie goes with it. */
export function recordingAudioUrl(id: string): string {
  return apiUrl(recordingPaths.audio(id));
}
