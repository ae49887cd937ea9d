import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

/**
 * A real Dovecot IMAP server for tests: its own configuration, password file and maildir in a
 * temporary folder, on a free port of 127.0.0.1; never the machine's own configuration or service.
 * Mail is seeded through IMAP APPEND, as a real client would.
 *
 * The server runs as root here, so Dovecot's login processes run as `dovenull`, its internal ones
 * as `dovecot`, and the mail user is `nobody` (the passwd-file refuses uid 0), owner of the maildir.
 */

const NOBODY = 65534;
const BINARIES = ['/usr/sbin/dovecot', '/usr/bin/doveadm'];

export interface DovecotOptions {
  user?: string;
  password?: string;
}

export class Dovecot {
  readonly host = '127.0.0.1';
  private running = false;

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly user: string,
    readonly password: string,
  ) {}

  /** Starts a fresh server; fails, with how to install it, when Dovecot is missing. */
  static async start(opts: DovecotOptions = {}): Promise<Dovecot> {
    const missing = BINARIES.filter((b) => !existsSync(b));
    if (missing.length) {
      throw new Error(
        `Dovecot is not installed (${missing.join(', ')} missing). The IMAP tests run a real Dovecot: ` +
          'install it with `DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd` ' +
          '(.ci/run installs it when missing).',
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'hushdesk-dovecot-'));
    chmodSync(dir, 0o755); // the mail user (nobody) must reach its home inside
    const server = new Dovecot(
      dir,
      await freePort(),
      opts.user ?? 'support',
      opts.password ?? 'imap-test-password',
    );
    server.writeConfig();
    await server.boot();
    return server;
  }

  private get conf(): string {
    return join(this.dir, 'dovecot.conf');
  }

  /** The user's INBOX, as Dovecot keeps it on disk. */
  get maildir(): string {
    return join(this.dir, 'home', this.user, 'Maildir');
  }

  private writeConfig(): void {
    for (const sub of ['run', 'state']) mkdirSync(join(this.dir, sub), { recursive: true });
    const home = join(this.dir, 'home', this.user);
    mkdirSync(home, { recursive: true });
    chownSync(join(this.dir, 'home'), NOBODY, NOBODY);
    chownSync(home, NOBODY, NOBODY);
    const hash = execFileSync('/usr/bin/doveadm', ['pw', '-s', 'SHA512-CRYPT', '-p', this.password], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    writeFileSync(join(this.dir, 'passwd'), `${this.user}:${hash}:${NOBODY}:${NOBODY}::${home}::\n`);
    writeFileSync(
      this.conf,
      `protocols = imap
listen = 127.0.0.1
base_dir = ${this.dir}/run
state_dir = ${this.dir}/state
log_path = ${this.dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
mail_location = maildir:~/Maildir
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT ${this.dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${this.dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
    );
  }

  private async boot(): Promise<void> {
    // Dovecot daemonises; with its stdio closed nothing waits on it.
    execFileSync('/usr/sbin/dovecot', ['-c', this.conf], { stdio: 'ignore' });
    this.running = true;
    const deadline = Date.now() + 10_000;
    while (!(await accepts(this.host, this.port))) {
      if (Date.now() > deadline) throw new Error(`Dovecot did not open port ${this.port}: ${this.log()}`);
      await sleep(50);
    }
  }

  /** Dovecot's own log, for a failing test's message. */
  log(): string {
    const file = join(this.dir, 'dovecot.log');
    return existsSync(file) ? readFileSync(file, 'utf8').slice(-2000) : '';
  }

  /** Stops the server (every connection drops); the maildir stays, so `resume()` brings it back. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    const pidFile = join(this.dir, 'run', 'master.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
    if (!pid) return;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (alive(pid) || (await accepts(this.host, this.port)))) await sleep(25);
  }

  async resume(): Promise<void> {
    if (!this.running) await this.boot();
  }

  /** Stops the server for good and removes its folder. */
  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A signed-in client of the test user, for seeding mail and looking at what the server holds. */
  async client(): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: this.host,
      port: this.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: this.user, pass: this.password },
      logger: false,
      disableAutoIdle: true,
    });
    await client.connect();
    return client;
  }

  /** APPENDs each message to the folder (INBOX by default); returns their UIDs. */
  async append(messages: (string | Buffer)[], folder = 'INBOX'): Promise<number[]> {
    const client = await this.client();
    try {
      if (folder !== 'INBOX') await client.mailboxCreate(folder).catch(() => undefined);
      const uids: number[] = [];
      for (const raw of messages) {
        const res = await client.append(folder, raw);
        uids.push(res ? Number(res.uid) : 0);
      }
      return uids;
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /** The folder as the server holds it: each message's UID, size and flags. */
  async messages(folder = 'INBOX'): Promise<{ uid: number; size: number; seen: boolean }[]> {
    const client = await this.client();
    try {
      const box = await client.mailboxOpen(folder, { readOnly: true });
      if (!box.exists) return [];
      const all = await client.fetchAll('1:*', { uid: true, size: true, flags: true });
      return all.map((m) => ({ uid: m.uid, size: m.size ?? 0, seen: m.flags?.has('\\Seen') ?? false }));
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  async uidValidity(folder = 'INBOX'): Promise<bigint> {
    const client = await this.client();
    try {
      return (await client.mailboxOpen(folder, { readOnly: true })).uidValidity;
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /**
   * Makes the server forget its UIDs (as after a restore or a migration): with the server stopped,
   * the folder's UID list and indexes go, so it numbers every message afresh under a new UIDVALIDITY.
   */
  async renumber(folder = 'INBOX'): Promise<void> {
    await this.stop();
    const dir = folder === 'INBOX' ? this.maildir : join(this.maildir, `.${folder}`);
    for (const name of readdirSync(dir)) {
      if (name === 'dovecot-uidlist' || name.startsWith('dovecot.index')) rmSync(join(dir, name));
    }
    // UIDVALIDITY is a time in seconds: step past the current one.
    await sleep(1100);
    await this.resume();
  }
}

/**
 * A TCP link to the server that can be cut mid-stream: after a given number of bytes from the
 * server, every connection through it is dropped, as a flaky network or a server crash would.
 */
export class FlakyLink {
  private sockets = new Set<Socket>();
  private budget = Infinity;
  cuts = 0;

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly port: number,
  ) {}

  static async to(target: { host: string; port: number }): Promise<FlakyLink> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const link = new FlakyLink(server, typeof address === 'object' && address ? address.port : 0);
    server.on('connection', (inbound) => {
      const outbound = createConnection(target);
      link.sockets.add(inbound).add(outbound);
      const drop = () => {
        inbound.destroy();
        outbound.destroy();
        link.sockets.delete(inbound);
        link.sockets.delete(outbound);
      };
      inbound.on('error', drop).on('close', drop);
      outbound.on('error', drop).on('close', drop);
      inbound.pipe(outbound);
      outbound.on('data', (chunk: Buffer) => {
        if (link.budget !== Infinity && (link.budget -= chunk.length) <= 0) {
          link.budget = Infinity;
          link.cuts++;
          for (const socket of link.sockets) socket.destroy();
          link.sockets.clear();
          return;
        }
        inbound.write(chunk);
      });
    });
    return link;
  }

  /** Drops every connection once this many more bytes came from the server. */
  cutAfter(bytes: number): void {
    this.budget = bytes;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A plain mail, as a customer's client would send it. */
export function mail(opts: {
  from?: string;
  to?: string;
  subject?: string;
  body?: string;
  messageId?: string;
  headers?: Record<string, string>;
}): string {
  const id = opts.messageId ?? `<${Math.random().toString(36).slice(2)}.${Date.now()}@customer.example>`;
  const extra = Object.entries(opts.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return (
    `From: ${opts.from ?? 'Casey Customer <casey@customer.example>'}\r\n` +
    `To: ${opts.to ?? 'support@hushdesk.local'}\r\n` +
    `Subject: ${opts.subject ?? 'Broadband down'}\r\n` +
    `Date: ${new Date().toUTCString()}\r\n` +
    `Message-ID: ${id}\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n${extra}\r\n` +
    `${opts.body ?? 'The router shows a red light since this morning.'}\r\n`
  );
}
