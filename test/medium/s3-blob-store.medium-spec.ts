import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BlobMissingError, BlobStoreUnavailableError } from '../../apps/api/src/blobs/blob-errors';
import { readAll } from '../../apps/api/src/blobs/blob-store';
import { S3BlobStore, type S3Settings } from '../../apps/api/src/blobs/s3-blob-store';
import { ConfigurationError } from '../../apps/api/src/config/environment';
import { S3Server } from '../support/s3-server';

/** The S3 store against a real s3rver process, through the real SDK over HTTP. */
describe('S3BlobStore', () => {
  let server: S3Server;
  let scratch: string;
  let settings: S3Settings;
  let store: S3BlobStore;
  let sdk: S3Client;

  beforeAll(async () => {
    server = await S3Server.start();
    settings = {
      endpoint: server.endpoint,
      bucket: server.bucket,
      region: server.region,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      forcePathStyle: true,
    };
    sdk = new S3Client({ ...settings, endpoint: settings.endpoint });
  });
  afterAll(async () => {
    sdk.destroy();
    await server.close();
  });
  beforeEach(async () => {
    await server.resume();
    scratch = mkdtempSync(join(tmpdir(), 'hushdesk-s3-scratch-'));
    store = new S3BlobStore(settings, scratch);
    await store.onModuleInit();
  });
  afterEach(() => {
    store.onModuleDestroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  const key = () => randomBytes(16).toString('hex');
  const inBucket = async (k: string) =>
    sdk.send(new HeadObjectCommand({ Bucket: server.bucket, Key: k })).then(
      (r) => r.ContentLength,
      () => null,
    );

  it('stores bytes, reads them whole and by inclusive range, sizes and deletes them', async () => {
    const k = key();
    const bytes = Buffer.from('0123456789abcdef');
    await store.put(k, bytes);
    expect(await inBucket(k)).toBe(16);
    expect(await readAll(await store.read(k))).toEqual(bytes);
    expect((await readAll(await store.read(k, { start: 3, end: 6 }))).toString()).toBe('3456');
    expect(await store.size(k)).toBe(16);
    await store.delete(k);
    expect(await inBucket(k)).toBeNull();
    expect(await store.size(k)).toBeNull();
    await expect(store.delete(k)).resolves.toBeUndefined(); // retried deletions succeed
  });

  /**
   * Puts a 12 MB scratch file through `s`, checks the object and that the scratch file went, and
   * says which requests the store sent (watched on the real client, which still sends them).
   */
  const putTwelveMegabytes = async (s: S3BlobStore) => {
    const client = (s as unknown as { client: S3Client }).client;
    const sent = jest.spyOn(client, 'send');
    const path = await s.scratchFile();
    expect(dirname(path)).toBe(scratch);
    const bytes = randomBytes(12 * 1024 * 1024 + 17);
    writeFileSync(path, bytes);
    const k = key();
    await s.putFile(k, path);
    expect(existsSync(path)).toBe(false);
    expect(await s.size(k)).toBe(bytes.length);
    expect((await readAll(await s.read(k))).equals(bytes)).toBe(true);
    const tail = await readAll(await s.read(k, { start: bytes.length - 5, end: bytes.length - 1 }));
    expect(tail).toEqual(bytes.subarray(bytes.length - 5));
    const commands = sent.mock.calls.map(([command]) => command.constructor.name);
    sent.mockRestore();
    return [...new Set(commands)].filter((c) => /Put|Upload/.test(c));
  };

  it('streams a scratch file up as one PUT, and removes the scratch file', async () => {
    expect(await putTwelveMegabytes(store)).toEqual(['PutObjectCommand']);
  });

  it('streams a scratch file over the single-PUT size up in parts', async () => {
    const inParts = new S3BlobStore(settings, scratch, 8 * 1024 * 1024);
    expect(await putTwelveMegabytes(inParts)).toEqual(
      expect.arrayContaining([
        'CreateMultipartUploadCommand',
        'UploadPartCommand',
        'CompleteMultipartUploadCommand',
      ]),
    );
    inParts.onModuleDestroy();
  });

  it('sends a streamed PUT again, read afresh from the file, when the store cuts the first one off', async () => {
    // A real TCP hop in front of s3rver that cuts the first upload's connection after 1 MB.
    const upstream = new URL(server.endpoint);
    let cut = 0;
    const hop = createServer((client) => {
      const target = connect(Number(upstream.port), upstream.hostname);
      let seen = 0;
      client.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (cut === 0 && seen > 1024 * 1024) {
          cut++;
          client.destroy();
          target.destroy();
          return;
        }
        target.write(chunk);
      });
      target.pipe(client);
      client.on('error', () => target.destroy());
      target.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => hop.listen(0, '127.0.0.1', r));
    const port = (hop.address() as AddressInfo).port;
    const viaHop = new S3BlobStore({ ...settings, endpoint: `http://127.0.0.1:${port}` }, scratch);
    try {
      const path = join(scratch, 'upload.part');
      const bytes = randomBytes(6 * 1024 * 1024);
      writeFileSync(path, bytes);
      const k = key();
      await viaHop.putFile(k, path);
      expect(cut).toBe(1);
      expect((await readAll(await store.read(k))).equals(bytes)).toBe(true);
      expect(existsSync(path)).toBe(false);
    } finally {
      viaHop.onModuleDestroy();
      await new Promise((r) => hop.close(r));
    }
  });

  it('deletes many keys in DeleteObjects requests of 1,000; missing keys are no error, bad ones fail alone', async () => {
    const present = Array.from({ length: 1200 }, key);
    for (let i = 0; i < present.length; i += 50)
      await Promise.all(present.slice(i, i + 50).map((k) => store.put(k, Buffer.from(k))));
    const missing = [key(), key()];

    const res = await store.deleteMany([missing[0], ...present, '../escape', missing[1]]);

    expect(res).toEqual({ failed: ['../escape'] });
    const left = await Promise.all(present.map(inBucket));
    expect(left.filter((size) => size !== null)).toEqual([]);
    // s3rver answered DeleteObjects itself: the store did not fall back to single deletions.
    expect((store as unknown as { batchDeletes: boolean }).batchDeletes).toBe(true);
    await expect(store.deleteMany(present)).resolves.toEqual({ failed: [] }); // retried: still fine
  }, 60_000);

  it('says a key holds nothing with BlobMissingError', async () => {
    await expect(store.read(key())).rejects.toBeInstanceOf(BlobMissingError);
  });

  it('refuses a bad key before any request, leaving the scratch file to its caller', async () => {
    const path = await store.scratchFile();
    writeFileSync(path, 'x');
    await expect(store.putFile('../escape', path)).rejects.toThrow('invalid blob key');
    expect(existsSync(path)).toBe(true);
  });

  it('a scratch file that cannot be read is a local fault, not the store being unavailable', async () => {
    const failed = await store.putFile(key(), join(scratch, 'never-written.part')).catch((e: unknown) => e);
    expect(failed).not.toBeInstanceOf(BlobStoreUnavailableError);
    expect((failed as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('when the store is down: every call fails as unavailable, and a file upload leaves nothing', async () => {
    const path = await store.scratchFile();
    writeFileSync(path, randomBytes(6 * 1024 * 1024));
    await server.stop();
    const k = key();
    await expect(store.put(k, Buffer.from('x'))).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(store.putFile(k, path)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(store.read(k)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(store.size(k)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(store.delete(k)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(store.deleteMany([k, key()])).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    expect(existsSync(path)).toBe(true); // still the caller's, to retry or remove
    await server.resume();
    expect(await inBucket(k)).toBeNull();
  });

  it('lists the keys in the bucket, in order, from a point on', async () => {
    const keys = [key(), key(), key()].sort();
    for (const k of keys) await store.put(k, Buffer.from(k));
    const listed: string[] = [];
    for await (const k of store.keys()) listed.push(k);
    expect(listed).toEqual(expect.arrayContaining(keys));
    const after: string[] = [];
    for await (const k of store.keys(keys[0])) after.push(k);
    expect(after).not.toContain(keys[0]);
    expect(after).toEqual(expect.arrayContaining(keys.slice(1)));
  });

  describe('at start, names the variable to fix', () => {
    const startWith = async (changes: Partial<S3Settings>) => {
      const s = new S3BlobStore({ ...settings, ...changes }, scratch);
      try {
        await s.onModuleInit();
        return '';
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigurationError);
        return (e as Error).message;
      } finally {
        s.onModuleDestroy();
      }
    };

    it('a bucket that does not exist', async () => {
      expect(await startWith({ bucket: 'no-such-bucket' })).toContain('S3_BUCKET');
    });

    it('an access key the store does not know', async () => {
      const message = await startWith({ credentials: { accessKeyId: 'WRONG', secretAccessKey: 'S3RVER' } });
      expect(message).toContain('S3_ACCESS_KEY_ID');
    });

    it('a store that does not answer', async () => {
      await server.stop();
      expect(await startWith({})).toContain('S3_ENDPOINT');
    });
  });
});
