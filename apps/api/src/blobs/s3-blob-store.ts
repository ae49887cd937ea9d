import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { ConfigurationError } from '../config/environment';
import { BlobMissingError, BlobStoreUnavailableError } from './blob-errors';
import { BlobStore, checkBlobKey } from './blob-store';
import { sweepScratch } from './scratch-file';

/** How to reach the bucket: the S3_* variables, validated. */
export interface S3Settings {
  /** Unset: AWS itself, by region. */
  readonly endpoint?: string;
  readonly bucket: string;
  readonly region: string;
  /** Unset (both): the SDK's default chain (instance role, AWS_* variables). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Bucket in the path (`host/bucket/key`), as MinIO-style servers want, not in the host name. */
  readonly forcePathStyle: boolean;
}

/**
 * Parts of a multipart upload. An upload holds at most `QUEUE_SIZE` of them in memory at once,
 * whatever the file's size; 5 MiB is the smallest part S3 accepts.
 */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;
/**
 * Files up to this size (attachments, call audio, most DSAR packages) go up as one PUT streamed
 * from the disk, holding no part in memory: ten 25 MB uploads in parts held 100 MB of them.
 */
const SINGLE_PUT_MAX = 100 * 1024 * 1024;
/** Attempts of a streamed PUT, which the SDK cannot retry itself (it cannot rewind the stream). */
const PUT_ATTEMPTS = 3;

const sdkLog = new Logger('S3BlobStore');
/**
 * The SDK logs every call (info) and every failed one (error, as an object with the request); the
 * store turns failures into its own errors, which their callers report, so only the SDK's text
 * warnings are kept.
 */
const SDK_LOGGER = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message: unknown) => {
    if (typeof message === 'string') sdkLog.warn(message);
  },
  error: () => undefined,
};

/** The most keys one DeleteObjects request may name. */
const DELETE_BATCH = 1000;

/**
 * Blobs as objects in one bucket of an S3-compatible store, so instances on several hosts share
 * them. Objects appear whole or not at all (a PUT, or a multipart upload completed only after its
 * last part; a failed one is aborted), which gives `put` the atomicity the file store gets from a
 * rename. Scratch files stay on this host's disk, under `scratchDir`, and are streamed up.
 */
export class S3BlobStore extends BlobStore implements OnModuleInit, OnModuleDestroy {
  private readonly client: S3Client;
  /** False once the store refused a DeleteObjects request: single deletions from then on. */
  private batchDeletes = true;

  constructor(
    private readonly settings: S3Settings,
    private readonly scratchDir: string,
    /** Files larger than this go up in parts (a test lowers it). */
    private readonly singlePutMax = SINGLE_PUT_MAX,
  ) {
    super();
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      credentials: settings.credentials,
      forcePathStyle: settings.forcePathStyle,
      // Checksums only where the API requires them: many S3-compatible servers reject the
      // trailing-checksum encoding newer SDKs send by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // An unreachable store fails a request in seconds (a 503 for the caller), not minutes.
      requestHandler: { connectionTimeout: 5_000, socketTimeout: 60_000 },
      maxAttempts: 3,
      // The SDK's own warnings (such as a streamed request failing) go to our log, not the console.
      logger: SDK_LOGGER,
    });
  }

  /** At start: the bucket must answer to our credentials, or the API refuses to start. */
  async onModuleInit(): Promise<void> {
    await sweepScratch(this.scratchDir);
    await this.checkBucket();
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }

  async put(key: string, data: Buffer): Promise<void> {
    checkBlobKey(key);
    const { bucket } = this.settings;
    await this.guard(key, () =>
      this.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: data, ContentLength: data.length }),
      ),
    );
  }

  async scratchFile(): Promise<string> {
    await mkdir(this.scratchDir, { recursive: true });
    // Sweeping here too, so a long-running instance also reclaims a crashed neighbour's files.
    await sweepScratch(this.scratchDir);
    return join(this.scratchDir, `${randomUUID()}.part`);
  }

  async putFile(key: string, path: string): Promise<void> {
    checkBlobKey(key);
    try {
      const { size } = await stat(path);
      if (size <= this.singlePutMax) await this.putStreamed(key, path, size);
      else await this.putInParts(key, path);
    } catch (e) {
      throw this.failure(e, key);
    }
    await rm(path, { force: true });
  }

  /** One PUT read from the file as it is sent; each attempt opens the file again. */
  private async putStreamed(key: string, path: string, size: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const body = createReadStream(path);
      try {
        await this.client.send(
          new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: body, ContentLength: size }),
        );
        return;
      } catch (e) {
        if (attempt >= PUT_ATTEMPTS || !worthRetrying(e)) throw e;
      } finally {
        body.destroy();
      }
      // A moment before trying again, longer each time (0.1 s, then 0.2 s), as the SDK's own retries do.
      await delay(100 * 2 ** (attempt - 1));
    }
  }

  private async putInParts(key: string, path: string): Promise<void> {
    const body = createReadStream(path);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: key, Body: body },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      // A failed upload is aborted, so no parts are left behind in the bucket.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } finally {
      body.destroy();
    }
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    checkBlobKey(key);
    const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
    const res = await this.guard(key, () =>
      this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key, Range })),
    );
    return res.Body as Readable;
  }

  async size(key: string): Promise<number | null> {
    checkBlobKey(key);
    try {
      const res = await this.guard(key, () =>
        this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key })),
      );
      return res.ContentLength ?? 0;
    } catch (e) {
      if (e instanceof BlobMissingError) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    checkBlobKey(key);
    // S3 answers 204 for a key that holds nothing, so a retried deletion succeeds.
    await this.guard(key, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key })),
    );
  }

  /**
   * DeleteObjects, 1,000 keys a request (the SDK adds the checksum the call requires). A store
   * that refuses the call (400/501: not implemented, or wants Content-MD5) gets single deletions.
   */
  override async deleteMany(keys: readonly string[]): Promise<{ failed: string[] }> {
    const failed = keys.filter((k) => !isBlobKey(k));
    const valid = keys.filter(isBlobKey);
    for (let i = 0; i < valid.length; i += DELETE_BATCH) {
      const chunk = valid.slice(i, i + DELETE_BATCH);
      failed.push(...(await this.deleteChunk(chunk)));
    }
    return { failed };
  }

  /** The keys of `chunk` the store could not delete; a missing key counts as deleted. */
  private async deleteChunk(chunk: string[]): Promise<string[]> {
    if (this.batchDeletes) {
      const request = {
        Bucket: this.settings.bucket,
        // Quiet: the answer lists only the keys that failed.
        Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true },
      };
      try {
        const res = await this.client.send(new DeleteObjectsCommand(request));
        return (res.Errors ?? []).flatMap((e) => (e.Key ? [e.Key] : []));
      } catch (e) {
        if (!refusesBatchDeletes(e)) throw this.failure(e, '');
        this.batchDeletes = false;
      }
    }
    return (await super.deleteMany(chunk)).failed;
  }

  /** Keys in the bucket, for sweeps and the migration; `after` continues where a page ended. */
  async *keys(after?: string): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      const page = {
        Bucket: this.settings.bucket,
        ContinuationToken: token,
        StartAfter: token ? undefined : after,
      };
      const res = await this.guard('', () => this.client.send(new ListObjectsV2Command(page)));
      for (const o of res.Contents ?? []) if (o.Key) yield o.Key;
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  /** Runs one call to the store, turning its failure into ours. */
  private async guard<T>(key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      throw this.failure(e, key);
    }
  }

  /** A missing object is the caller's 404; everything else means the store cannot serve us now. */
  private failure(e: unknown, key: string): Error {
    if (isMissing(e)) return new BlobMissingError(key);
    // Reading our own scratch file failed: a local fault, not the store's.
    // (File-system errors name a path; network ones an address.)
    if (typeof (e as NodeJS.ErrnoException | undefined)?.path === 'string') return e as Error;
    return new BlobStoreUnavailableError(e);
  }

  /** HeadBucket, naming the variable to fix when it fails; a HEAD has no error body, so a List says why. */
  private async checkBucket(): Promise<void> {
    const { bucket } = this.settings;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
      return;
    } catch (e) {
      if (!(e instanceof S3ServiceException)) throw new ConfigurationError([unreachable(this.settings, e)]);
    }
    let code = 'Unknown';
    try {
      await this.client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }));
    } catch (e) {
      code = e instanceof S3ServiceException ? e.name : code;
    }
    throw new ConfigurationError([bucketProblem(bucket, code)]);
  }
}

function isBlobKey(key: string): boolean {
  try {
    checkBlobKey(key);
    return true;
  } catch {
    return false;
  }
}

/** The store answered, but does not do DeleteObjects (or not as the SDK sends it). */
function refusesBatchDeletes(e: unknown): boolean {
  const status = e instanceof S3ServiceException ? e.$metadata?.httpStatusCode : undefined;
  return status === 501 || (status === 400 && e instanceof S3ServiceException && e.name !== 'NoSuchBucket');
}

/** The store was unreachable or failed on its side (not a refusal of the request, not our disk). */
function worthRetrying(e: unknown): boolean {
  if (typeof (e as NodeJS.ErrnoException | undefined)?.path === 'string') return false;
  if (!(e instanceof S3ServiceException)) return true;
  const status = e.$metadata?.httpStatusCode ?? 500;
  return status >= 500 || status === 429;
}

function isMissing(e: unknown): boolean {
  return (
    e instanceof S3ServiceException &&
    (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404) &&
    e.name !== 'NoSuchBucket'
  );
}

/** Why the store could not be reached at all, without the address's user part or any secret. */
function unreachable(settings: S3Settings, e: unknown): string {
  const code = (e as { code?: string }).code ?? (e as Error).name ?? 'error';
  const where = settings.endpoint ? new URL(settings.endpoint).origin : `AWS region ${settings.region}`;
  return `S3_ENDPOINT: the object store at ${where} does not answer (${code})`;
}

export function bucketProblem(bucket: string, code: string): string {
  switch (code) {
    case 'NoSuchBucket':
      return `S3_BUCKET: the store has no bucket named "${bucket}"`;
    case 'InvalidAccessKeyId':
      return 'S3_ACCESS_KEY_ID: the store does not know this access key';
    case 'SignatureDoesNotMatch':
      return 'S3_SECRET_ACCESS_KEY: the store refused the signature; the secret does not match S3_ACCESS_KEY_ID';
    case 'AccessDenied':
      return `S3_ACCESS_KEY_ID: this key may not use the bucket "${bucket}" (S3_BUCKET)`;
    default:
      return `S3_BUCKET: the bucket "${bucket}" cannot be used with these credentials (S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY): ${code}`;
  }
}
