import type {
  NewRecording,
  Recording,
  RecordingQuery,
  RecordingSearch,
  RecordingSearchHit,
} from '@hushdesk/api-client';
import { apiUrl, client, dataOf } from '../../../lib/api-client';

export type { NewRecording, Recording, RecordingQuery, RecordingSearch, RecordingSearchHit };
export type CallDirection = Recording['direction'];
/**
 * How the recording was linked to a person: given by the caller, matched by number, or not.
 * `withheld` to roles that see people's phones masked: which person a number matched would tell
 * them the number.
 */
export type PersonMatch = Recording['personMatch'];
export type LegalHold = NonNullable<Recording['hold']>;

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
  list: (query: Omit<RecordingQuery, 'cursor'> & { cursor?: string | null }, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/recordings', {
        params: { query: { ...query, cursor: query.cursor ?? undefined } },
        signal,
      }),
    ),

  get: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/recordings/{id}', { params: { path: { id } }, signal })),

  /** Sent in the body, so the number never sits in a URL; the API audits each search. */
  search: (search: RecordingSearch, page: { limit: number; cursor: string | null }) =>
    dataOf(
      client.POST('/api/recordings/search', {
        body: { ...search, ...page, cursor: page.cursor ?? undefined },
      }),
    ),

  create: (body: NewRecording) => dataOf(client.POST('/api/recordings', { body })),

  putAudio: (id: string, file: Blob) =>
    dataOf(
      client.PUT('/api/recordings/{id}/audio', {
        params: { path: { id } },
        body: file,
        headers: { 'Content-Type': audioContentType(file) },
      }),
    ),

  hold: (id: string, reason: string) =>
    dataOf(client.POST('/api/recordings/{id}/hold', { params: { path: { id } }, body: { reason } })),

  releaseHold: (id: string) =>
    dataOf(client.DELETE('/api/recordings/{id}/hold', { params: { path: { id } } })),
};

/** The audio's URL, for an `<audio>` element: same origin, so the session cookie goes with it. */
export function recordingAudioUrl(id: string): string {
  return apiUrl('/api/recordings/{id}/audio', { path: { id } });
}
