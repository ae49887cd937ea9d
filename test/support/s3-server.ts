import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './outbound-smtp';

const BIN = resolve(__dirname, '../../node_modules/.bin/s3rver');

/** The account s3rver knows: it checks every request's signature against it. */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';

/**
 * A real S3-compatible server (`s3rver`) in its own process, on a free port of 127.0.0.1, with its
 * own data folder and one bucket. Tests talk to it through the real AWS SDK over HTTP. It can be
 * stopped and started again on the same port and data (the store going down and coming back).
 */
export class S3Server {
  readonly host = '127.0.0.1';
  readonly region = 'us-east-1';
  readonly accessKeyId = ACCESS_KEY_ID;
  readonly secretAccessKey = SECRET_ACCESS_KEY;
  private child?: ChildProcess;
  private output = '';

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly bucket: string,
  ) {}

  static async start(opts: { bucket?: string } = {}): Promise<S3Server> {
    const dir = mkdtempSync(join(tmpdir(), 'hushdesk-s3rver-'));
    const server = new S3Server(dir, await freePort(), opts.bucket ?? 'hushdesk-test');
    await server.resume();
    return server;
  }

  get endpoint(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** The API's S3_* variables for this server. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      BLOB_STORE: 's3',
      S3_ENDPOINT: this.endpoint,
      S3_BUCKET: this.bucket,
      S3_REGION: this.region,
      S3_ACCESS_KEY_ID: this.accessKeyId,
      S3_SECRET_ACCESS_KEY: this.secretAccessKey,
      S3_FORCE_PATH_STYLE: '1',
      ...overrides,
    };
  }

  /** Starts the process (again) on the same port and data folder; resolves once it accepts connections. */
  async resume(): Promise<void> {
    if (this.child) return;
    const args = [
      '-d',
      this.dir,
      '-a',
      this.host,
      '-p',
      String(this.port),
      '--configure-bucket',
      this.bucket,
    ];
    const child = spawn(BIN, [...args, '--silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.output = '';
    const collect = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    const deadline = Date.now() + 15_000;
    while (!(await accepts(this.host, this.port))) {
      if (!this.child) throw new Error(`s3rver exited at start: ${this.output}`);
      if (Date.now() > deadline) throw new Error(`s3rver did not open port ${this.port}: ${this.output}`);
      await sleep(50);
    }
  }

  /** Stops the process (the store becomes unreachable); the data stays, so `resume()` brings it back. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await accepts(this.host, this.port))) await sleep(25);
  }

  /** Stops the server for good and removes its folder. */
  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
