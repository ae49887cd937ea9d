// The fault tests' own PostgreSQL: a Debian cluster (default 15/hushdesk-faults on port 5439), so
// stopping it disrupts nothing else on the machine. Created on first use, trust auth on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import pg from 'pg';

const sh = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export class FaultCluster {
  /** `spec` is "VERSION/NAME", e.g. 15/hushdesk-faults. */
  constructor(spec, port) {
    const [version, name] = String(spec).split('/');
    if (!version || !name) throw new Error(`--cluster must be VERSION/NAME, not "${spec}"`);
    if (name === 'main' && !process.env.FAULTS_ALLOW_MAIN) {
      throw new Error('refusing to stop the shared cluster "main"; set FAULTS_ALLOW_MAIN=1 if you mean it');
    }
    this.version = version;
    this.name = name;
    this.port = port;
  }

  /** [{version, name, port, status}] from pg_lsclusters. */
  static list() {
    return sh('pg_lsclusters', ['--no-header'])
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [version, name, port, status] = line.trim().split(/\s+/);
        return { version, name, port: Number(port), status };
      });
  }

  self() {
    return FaultCluster.list().find((c) => c.version === this.version && c.name === this.name);
  }

  /** Creates the cluster if it is missing (its port: the given one), then starts it. Idempotent. */
  ensureRunning() {
    let found = this.self();
    if (!found) {
      sh('pg_createcluster', [this.version, this.name, '--port', String(this.port), '--', '--auth=trust']);
      sh('pg_conftool', [this.version, this.name, 'set', 'listen_addresses', 'localhost']);
      found = this.self();
    }
    this.port = found.port;
    if (found.status !== 'online') this.start();
    return this;
  }

  start() {
    sh('pg_ctlcluster', [this.version, this.name, 'start']);
  }

  /** A fast shutdown: open sessions are terminated, as when a server restarts under load. */
  stop() {
    sh('pg_ctlcluster', [this.version, this.name, 'stop', '-m', 'fast']);
  }

  stopIfRunning() {
    if (this.self()?.status === 'online') this.stop();
  }

  url(database) {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Drops and recreates `database` (its name must contain "faults"). */
  async freshDatabase(database) {
    if (!/^[a-z0-9_]*faults[a-z0-9_]*$/.test(database)) throw new Error(`bad database name ${database}`);
    const admin = new pg.Client({ connectionString: this.url('postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    return this.url(database);
  }
}
