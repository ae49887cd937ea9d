import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { freePort } from './outbound-smtp';
import { TEST_SECRETS } from './test-app';

const root = resolve(__dirname, '../..');

/**
 * The API as a host runs it: `main.ts` in an OS process of its own (TypeScript registered with
 * SWC, so no build is needed), on a free port of 127.0.0.1, with its own temporary DATA_DIR.
 * Nothing is shared with the test process or another ApiProcess but what `env` names (the
 * database, Redis, the object store).
 */
export class ApiProcess {
  private output = '';

  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    readonly dataDir: string,
    private readonly child: ChildProcess,
  ) {}

  /**
   * Starts the API and resolves once /api/health answers; fails with its output if it exits first
   * or is not up within 90 s (and then stops it).
   */
  static async start(name: string, env: Record<string, string>): Promise<ApiProcess> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), `hushdesk-${name}-`));
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json',
        NODE_ENV: 'production',
        HUSHDESK_DEMO: '0',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        WEB_DIST_DIR: join(root, 'dist/apps/web'),
        RATE_LIMIT_PER_MINUTE: '100000',
        ...TEST_SECRETS,
        ...env,
      },
    });
    const api = new ApiProcess(name, `http://127.0.0.1:${port}`, dataDir, child);
    const collect = (chunk: Buffer) => (api.output += chunk.toString());
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    try {
      await api.ready(90_000);
    } catch (e) {
      await api.stop();
      throw e;
    }
    return api;
  }

  /** supertest bound to this process over HTTP. */
  http(): ReturnType<typeof request> {
    return request(this.baseUrl);
  }

  /** Everything the process printed so far (its JSON log lines and start-up messages). */
  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private async ready(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (!this.running) throw new Error(`API ${this.name} exited while starting:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`API ${this.name} did not start in ${ms} ms:\n${this.output}`);
      try {
        if ((await fetch(`${this.baseUrl}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and removes its DATA_DIR. */
  async stop(): Promise<void> {
    if (this.running) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
