import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_ACCOUNTS } from '../../apps/api/src/demo/demo-seed.service';
import { startTestApp } from '../support/test-app';

const root = resolve(__dirname, '../..');

/**
 * The API as `npm start` runs it in demo mode (main.ts in its own process, LOG_FILE set), watched
 * from the outside: the console ends with the plain block a new user needs, and the JSON log lines
 * go to the file instead.
 */
describe('start-up output in demo mode', () => {
  let api: ChildProcess;
  let output = '';
  let logFile: string;

  beforeAll(async () => {
    // A migrated, empty database of its own.
    const t = await startTestApp();
    const databaseUrl = t.databaseUrl;
    await t.close();
    const dataDir = mkdtempSync(join(tmpdir(), 'hushdesk-start-'));
    logFile = join(dataDir, 'hushdesk.log');
    api = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json',
        DATABASE_URL: databaseUrl,
        HUSHDESK_DEMO: '1',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_FILE: logFile,
        JOBS_ENABLED: '0',
        WEB_DIST_DIR: join(root, 'dist/apps/web'),
      },
    });
    api.stdout?.on('data', (d) => (output += String(d)));
    api.stderr?.on('data', (d) => (output += String(d)));
    const until = Date.now() + 90_000;
    while (!output.includes('To stop Hushdesk') && Date.now() < until && api.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    // Anything printed after the block would show up here.
    await new Promise((r) => setTimeout(r, 1500));
  }, 120_000);

  afterAll(async () => {
    if (api.exitCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGINT');
      await exited;
    }
  });

  it('ends with the URL, the four logins with their password, and how to stop', async () => {
    const lines = output.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/To stop Hushdesk, press Ctrl\+C/);
    const url = /Hushdesk is ready: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(url).not.toMatch(/:0$/);
    expect(output).toContain('with the password hushdesk');
    for (const account of DEMO_ACCOUNTS) expect(output).toContain(account.email);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('prints no JSON log lines on the console: they are in the log file', () => {
    expect(output.split('\n').filter((l) => l.trim().startsWith('{'))).toEqual([]);
    expect(output.split('\n').filter((l) => l.trim()).length).toBeLessThan(20);
    const logged = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(logged.length).toBeGreaterThan(20);
    expect(logged.some((l) => l.includes('Seeded the demo organisation'))).toBe(true);
  });
});
