import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { SOCKET_EVENTS } from '@hushdesk/contracts';
import { findFreePort } from '../../apps/api/src/database/embedded-postgres';
import { childrenOf, ownerOf } from '../support/process-sockets';
import { connect, Inbox, type ClientSocket } from '../support/sockets';
import { createUser, startTestApp, TEST_PASSWORD } from '../support/test-app';

const root = resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The API with API_WORKERS=2, as `npm start` and the image run it: main.ts in its own process,
 * watched from the outside. Which worker holds a connection is read from /proc, so the API needs
 * no test hook. No REDIS_URL: live events cross workers through the cluster's IPC channel.
 */
describe('API_WORKERS=2: two API processes on one port', () => {
  let api: ChildProcess;
  let output = '';
  let port: number;
  let intakePort: number;
  let db: Pool;
  let lead: number;
  let extra: number;
  let engineerBearer: string;
  let customerBearer: string;
  const sockets: ClientSocket[] = [];

  /** Waits until `output` matches, or fails naming what was printed. */
  const printed = async (re: RegExp, ms = 150_000): Promise<RegExpExecArray> => {
    const until = Date.now() + ms;
    for (;;) {
      const m = re.exec(output);
      if (m) return m;
      if (Date.now() > until || api.exitCode !== null) throw new Error(`never printed ${re}:\n${output}`);
      await sleep(100);
    }
  };

  /** GET on a new connection; answers with the pid of the worker that served it. */
  const servedBy = (path = '/api/health'): Promise<number | undefined> =>
    new Promise((done, fail) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        const pid = ownerOf(port, res.socket.localPort as number, childrenOf(api.pid as number));
        res.on('end', () => {
          agent.destroy();
          done(pid);
        });
      });
      req.on('error', fail);
      req.end();
    });

  const postOnNewConnection = (path: string, body: unknown, bearer: string) =>
    new Promise<{ status: number; json: unknown }>((done, fail) => {
      const text = JSON.stringify(body);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', authorization: bearer },
        },
        (res) => {
          let data = '';
          res.on('data', (d) => (data += String(d)));
          res.on('end', () => done({ status: res.statusCode as number, json: JSON.parse(data) }));
        },
      );
      req.on('error', fail);
      req.end(text);
    });

  const login = async (email: string) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
  };

  /** A staff socket, and the worker it is connected to. */
  const staffSocket = async (): Promise<{ socket: ClientSocket; pid: number | undefined }> => {
    const socket = await connect(`http://127.0.0.1:${port}`, { bearer: engineerBearer });
    sockets.push(socket);
    // socket.io-client's websocket transport, on the `ws` package: its TCP socket's local port.
    const transport = (
      socket.io.engine as unknown as { transport: { ws: { _socket: { localPort: number } } } }
    ).transport;
    return { socket, pid: ownerOf(port, transport.ws._socket.localPort, childrenOf(api.pid as number)) };
  };

  beforeAll(async () => {
    const t = await startTestApp();
    const databaseUrl = t.databaseUrl;
    const engineer = await createUser(t, 'engineer');
    const customer = await createUser(t, 'customer');
    await t.close();
    db = new Pool({ connectionString: databaseUrl, max: 1 });
    port = await findFreePort();
    intakePort = await findFreePort();
    api = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json',
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
        IDENTIFIER_HMAC_KEY: 'test-identifier-key-that-is-long-enough-012345',
        HUSHDESK_DEMO: '0',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'hushdesk-workers-')),
        LOG_LEVEL: 'warn',
        JOBS_ENABLED: '1',
        MAIL_INTAKE_PORT: String(intakePort),
        MAIL_INTAKE_HOST: '127.0.0.1',
        API_WORKERS: '2',
        WEB_DIST_DIR: join(root, 'dist/apps/web'),
      },
    });
    api.stdout?.on('data', (d) => (output += String(d)));
    api.stderr?.on('data', (d) => (output += String(d)));
    const m = await printed(/2 API workers listening \(pids (\d+), (\d+);/);
    lead = Number(m[1]);
    extra = Number(m[2]);
    engineerBearer = await login(engineer.email);
    customerBearer = await login(customer.email);
  }, 200_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await db?.end();
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGKILL');
      await exited;
    }
  });

  it('serves requests on one port from two processes', async () => {
    expect(childrenOf(api.pid as number).sort()).toEqual([lead, extra].sort());
    const pids = new Set<number | undefined>();
    for (let i = 0; i < 8; i++) pids.add(await servedBy());
    expect([...pids].sort()).toEqual([lead, extra].sort());
  });

  it('runs the jobs in the lead only; the other worker only queues them', async () => {
    // One heartbeat in job_workers: one process of the two runs jobs.
    const { rows: beating } = await db.query('SELECT worker_id FROM job_workers');
    expect(beating).toHaveLength(1);
    const { rows } = await db.query<{ application_name: string; client_port: number }>(
      `SELECT application_name, client_port FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'hushdesk-jobs%'`,
    );
    const pgPort = Number(new URL(db.options.connectionString as string).port || 5432);
    const owner = (r: { client_port: number }) => ownerOf(r.client_port, pgPort, [lead, extra]);
    // pg-boss's connections that take and run jobs (polling every 2 s, so open): all the lead's.
    const running = rows.filter((r) => r.application_name === 'hushdesk-jobs');
    expect(running.length).toBeGreaterThan(0);
    expect(new Set(running.map(owner))).toEqual(new Set([lead]));
    // The other worker's pg-boss only queues (its connection may have gone idle and closed).
    for (const r of rows.filter((r) => r.application_name === 'hushdesk-jobs-queue'))
      expect(owner(r)).toBe(extra);
  });

  it('listens for mail once, in the lead', async () => {
    for (let i = 0; i < 4; i++) {
      const pid = await new Promise<number | undefined>((done, fail) => {
        const c = tcpConnect(intakePort, '127.0.0.1');
        c.once('error', fail);
        c.once('data', (banner) => {
          expect(String(banner)).toContain('Hushdesk mail intake');
          const who = ownerOf(intakePort, c.localPort as number, [lead, extra]);
          c.end('QUIT\r\n');
          done(who);
        });
      });
      expect(pid).toBe(lead);
    }
  });

  it('delivers a live event to sockets on both workers, whichever worker made it', async () => {
    const byWorker = new Map<number, Inbox>();
    for (let i = 0; i < 10 && byWorker.size < 2; i++) {
      const { socket, pid } = await staffSocket();
      if (pid && !byWorker.has(pid)) byWorker.set(pid, new Inbox(socket));
    }
    expect([...byWorker.keys()].sort()).toEqual([lead, extra].sort());
    // Two tickets on new connections, so both workers make one in turn (round robin).
    for (let i = 0; i < 2; i++) {
      const body = { type: 'fault', subject: `Line down ${i}`, description: 'No dial tone.', priority: 'P3' };
      const { status, json } = await postOnNewConnection('/api/tickets', body, customerBearer);
      expect(status).toBe(201);
      const { id } = json as { id: string };
      for (const inbox of byWorker.values())
        await inbox.waitFor<{ id: string }>(SOCKET_EVENTS.ticketCreated, (t) => t.id === id);
    }
  });

  it('starts a killed worker again, in its role', async () => {
    process.kill(extra, 'SIGKILL');
    await printed(new RegExp(`API worker ${extra} \\(extra\\) exited \\(SIGKILL\\): restarting`));
    const until = Date.now() + 120_000;
    let replacement: number | undefined;
    while (!replacement && Date.now() < until) {
      const pid = await servedBy().catch(() => undefined);
      if (pid && pid !== lead && pid !== extra) replacement = pid;
      else await sleep(250);
    }
    expect(replacement).toBeDefined();
    expect(childrenOf(api.pid as number).sort()).toEqual([lead, replacement].sort());
    extra = replacement as number;
  }, 150_000);

  it('stops every worker on SIGTERM, then itself', async () => {
    const workers = childrenOf(api.pid as number);
    const exited = new Promise<number | null>((r) => api.once('exit', (code) => r(code)));
    api.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workers.filter(exists)).toEqual([]);
  }, 60_000);
});

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
