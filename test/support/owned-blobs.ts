import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { type BlobStore, readAll } from '../../apps/api/src/blobs/blob-store';

/** A blob a row owns, as seeded: its key and the SHA-256 of its bytes. */
export interface SeededBlob {
  key: string;
  size: number;
  sha256: string;
}

const newKey = () => randomUUID().replace(/-/g, '');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function putBlob(store: BlobStore, size: number): Promise<SeededBlob> {
  const bytes = randomBytes(size);
  const key = newKey();
  await store.put(key, bytes);
  return { key, size, sha256: sha(bytes) };
}

/** A call recording with its audio, as the API would record one. */
export async function seedRecording(db: Pool, store: BlobStore, size = 20_000): Promise<SeededBlob> {
  const blob = await putBlob(store, size);
  await db.query(
    `INSERT INTO recordings (caller_number, direction, started_at, duration_seconds, expires_at,
       audio_blob_key, audio_content_type, audio_size_bytes)
     VALUES ('+441632960000', 'inbound', now(), 60, now() + interval '90 days', $1, 'audio/wav', $2)`,
    [blob.key, size],
  );
  return blob;
}

/**
 * Rows that own blobs, written straight into the tables (the migration reads the tables, not the
 * features): call recordings with audio, a DSAR request with its evidence and a released package.
 * Every blob's bytes go into `store`. Sizes vary so some are read in several chunks.
 */
export async function seedOwnedBlobs(db: Pool, store: BlobStore, recordings: number): Promise<SeededBlob[]> {
  const seeded: SeededBlob[] = [];
  for (let i = 0; i < recordings; i++)
    seeded.push(await seedRecording(db, store, 1000 + ((i * 7919) % 200_000)));
  const evidence = await putBlob(store, 3000);
  const dsar = await db.query<{ id: string }>(
    `INSERT INTO dsar_requests (kind, received_at, due_at, evidence_blob_key)
     VALUES ('access', now(), now() + interval '30 days', $1) RETURNING id`,
    [evidence.key],
  );
  const pkg = await putBlob(store, 300_000);
  await db.query(
    `INSERT INTO dsar_releases (dsar_id, token_hash, blob_key, size_bytes, expires_at, delete_after)
     VALUES ($1, $2, $3, $4, now() + interval '7 days', now() + interval '8 days')`,
    [dsar.rows[0].id, randomBytes(32), pkg.key, pkg.size],
  );
  return [...seeded, evidence, pkg];
}

/** The blob under `key` in `store` has exactly the seeded bytes. */
export async function holds(store: BlobStore, blob: SeededBlob): Promise<boolean> {
  if ((await store.size(blob.key)) !== blob.size) return false;
  return sha(await readAll(await store.read(blob.key))) === blob.sha256;
}
