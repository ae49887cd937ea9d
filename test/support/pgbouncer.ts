import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './dovecot';

/** The binary test/support starts; scripts/test.mjs checks for the same path. */
export const PGBOUNCER = '/usr/sbin/pgbouncer';

/** PgBouncer refuses to run as root; its folder is handed to this user. */
const NOBODY = 65534;

export interface PgBouncerOptions {
  /** `session` is what Hushdesk supports; other modes exist to show why. */
  poolMode?: 'session' | 'transaction';
  /** PgBouncer's default, `DISCARD ALL`; '' disables the reset between clients. */
  serverResetQuery?: string;
}

/**
 * A real PgBouncer (Debian's) in front of the test PostgreSQL: its own ini, user list, log, pid
 * file and socket folder in a temporary folder, on a free port of 127.0.0.1; never the machine's
 * own configuration or service. Trust authentication, as the test server itself.
 */
export class PgBouncer {
  readonly host = '127.0.0.1';

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly server: URL,
  ) {}

  /** Starts one in front of `serverUrl` (postgres://user@host:port/...); fails, with how to install it, when missing. */
  static async start(serverUrl: string, opts: PgBouncerOptions = {}): Promise<PgBouncer> {
    if (!existsSync(PGBOUNCER)) {
      throw new Error(
        `PgBouncer is not installed (${PGBOUNCER} missing). The pooler tests run a real PgBouncer: ` +
          'install it with `DEBIAN_FRONTEND=noninteractive apt-get install -y pgbouncer` ' +
          '(.ci/run installs it when missing).',
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'hushdesk-pgbouncer-'));
    const bouncer = new PgBouncer(dir, await freePort(), new URL(serverUrl));
    bouncer.writeConfig(opts);
    await bouncer.boot();
    return bouncer;
  }

  /** The URL of `database` (a name, or a URL whose database is taken) through the pooler. */
  url(database: string): string {
    const name = database.includes('://') ? new URL(database).pathname.slice(1) : database;
    const url = new URL(this.server.toString());
    url.host = `${this.host}:${this.port}`;
    url.pathname = `/${name}`;
    return url.toString();
  }

  private get ini(): string {
    return join(this.dir, 'pgbouncer.ini');
  }

  private get pidFile(): string {
    return join(this.dir, 'pgbouncer.pid');
  }

  private writeConfig(opts: PgBouncerOptions): void {
    // Clients are trusted; PgBouncer logs in to the server with the password listed here (the
    // embedded test server has one, TEST_DATABASE_URL's usually not).
    const user = decodeURIComponent(this.server.username || 'postgres');
    const password = decodeURIComponent(this.server.password);
    writeFileSync(join(this.dir, 'userlist.txt'), `"${user}" "${password}"\n`);
    const reset =
      opts.serverResetQuery === undefined ? '' : `server_reset_query = ${opts.serverResetQuery}\n`;
    writeFileSync(
      this.ini,
      `[databases]
* = host=${this.server.hostname} port=${this.server.port || 5432}

[pgbouncer]
listen_addr = ${this.host}
listen_port = ${this.port}
unix_socket_dir = ${this.dir}
auth_type = trust
auth_file = ${join(this.dir, 'userlist.txt')}
pool_mode = ${opts.poolMode ?? 'session'}
${reset}default_pool_size = 40
max_client_conn = 400
logfile = ${join(this.dir, 'pgbouncer.log')}
pidfile = ${this.pidFile}
user = nobody
`,
    );
    chownSync(this.dir, NOBODY, NOBODY);
  }

  private async boot(): Promise<void> {
    // `-d` daemonises once the port is open; with its stdio closed nothing waits on it.
    try {
      execFileSync(PGBOUNCER, ['-d', this.ini], { stdio: 'ignore' });
    } catch {
      throw new Error(`PgBouncer did not start: ${this.log()}`);
    }
    const deadline = Date.now() + 10_000;
    while (!this.pid()) {
      if (Date.now() > deadline) throw new Error(`PgBouncer wrote no pid file: ${this.log()}`);
      await sleep(50);
    }
  }

  private pid(): number {
    return existsSync(this.pidFile) ? Number(readFileSync(this.pidFile, 'utf8').trim()) || 0 : 0;
  }

  /** PgBouncer's own log, for a failing test's message. */
  log(): string {
    const file = join(this.dir, 'pgbouncer.log');
    return existsSync(file) ? readFileSync(file, 'utf8').slice(-2000) : '';
  }

  /** Stops it by its pid (every connection through it drops) and removes its folder. */
  async close(): Promise<void> {
    const pid = this.pid();
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline && alive(pid)) await sleep(25);
      } catch {
        // already gone
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
