/**
 * Memory while building a DSAR package for a subject with many call recordings:
 * `npm run bench:dsar-package -- --recordings 20 --mb 5`
 *
 * Uploads the audio, collects the request, then reports the peak heap, ArrayBuffer memory and RSS
 * of the DPO's ZIP export, the release, and the requester's download, each measured on its own.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { UsersService } from '../../apps/api/src/users/users.service';
import { wav } from '../support/files';
import { scratchApp } from './scratch-app';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECORDINGS = arg('recordings', 20);
const MB = arg('mb', 5);
const say = (s: string) => process.stdout.write(`${s}\n`);
const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/** Peak memory while `work` runs: sampled every millisecond, and the kernel's RSS high-water mark. */
async function peak(label: string, work: () => Promise<unknown>): Promise<void> {
  // Several collections, a tick apart, so the last step's buffers are really gone.
  for (let i = 0; i < 3; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  const base = process.memoryUsage();
  let heap = base.heapUsed;
  let buffers = base.arrayBuffers;
  let rss = base.rss;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    buffers = Math.max(buffers, m.arrayBuffers);
    rss = Math.max(rss, m.rss);
  };
  let hwm = true;
  try {
    writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM
  } catch {
    hwm = false;
  }
  const timer = setInterval(sample, 1);
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  const vmHwm = hwm
    ? Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024
    : NaN;
  say(
    `${label.padEnd(22)} heapUsed peak ${mib(heap)} (+${mib(heap - base.heapUsed)}), ` +
      `arrayBuffers peak ${mib(buffers)} (+${mib(buffers - base.arrayBuffers)}), ` +
      `RSS peak ${mib(Math.max(rss, vmHwm || 0))} (+${mib(Math.max(rss, vmHwm || 0) - base.rss)}), ${ms.toFixed(0)} ms`,
  );
}

/** Reads a response to the end without keeping it, as a client on the other side would. */
async function drain(res: Response): Promise<number> {
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  let n = 0;
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.length;
  }
}

async function main() {
  const { app, baseUrl, close } = await scratchApp('dsar');
  try {
    const base = `${baseUrl}/api`;
    const users = app.get(UsersService);
    const password = 'steady-lanterns-on-the-quay-4417';
    const [{ id: orgId }] = await app
      .get(DataSource)
      .query("INSERT INTO organisations (name) VALUES ('Bench Ltd') RETURNING id");
    const login = async (email: string) => {
      const res = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
    };
    await users.create({
      email: 'dpo@bench.example',
      password,
      role: 'dpo',
      person: { fullName: 'Bench DPO' },
    });
    await users.create({
      email: 'eng@bench.example',
      password,
      role: 'engineer',
      person: { fullName: 'Bench Engineer' },
    });
    await users.create({
      email: 'subject@bench.example',
      password,
      role: 'customer',
      organisationId: orgId,
      person: { fullName: 'Bench Subject', phone: '07700 900111' },
    });
    const dpo = await login('dpo@bench.example');
    const eng = await login('eng@bench.example');
    const call = (auth: string, method: string, path: string, body?: unknown, type = 'application/json') =>
      fetch(`${base}${path}`, {
        method,
        headers: { authorization: auth, 'content-type': type },
        body:
          body === undefined
            ? undefined
            : type === 'application/json'
              ? JSON.stringify(body)
              : (body as Buffer),
      });

    say(`Uploading ${RECORDINGS} recordings of ${MB} MB…`);
    const audio = wav(Math.floor((MB * 1_000_000) / 2));
    for (let i = 0; i < RECORDINGS; i++) {
      const rec = await call(eng, 'POST', '/recordings', {
        callerNumber: '+44 7700 900111',
        direction: 'inbound',
        startedAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
        durationSeconds: 300,
      });
      const { id } = (await rec.json()) as { id: string };
      const put = await call(eng, 'PUT', `/recordings/${id}/audio`, audio, 'audio/wav');
      if (put.status !== 200) throw new Error(`audio upload: HTTP ${put.status}`);
    }
    // Asked from the portal, so the requester can fetch the released package signed in too.
    const subject = await login('subject@bench.example');
    const created = (await (await call(subject, 'POST', '/dsar', { kind: 'access' })).json()) as {
      id: string;
    };
    await call(dpo, 'POST', `/dsar/${created.id}/collect`, {});
    for (;;) {
      const d = (await (await call(dpo, 'GET', `/dsar/${created.id}`)).json()) as { status: string };
      if (d.status !== 'collecting') break;
      await new Promise((r) => setTimeout(r, 100));
    }

    let size = 0;
    await peak('export (zip)', async () => {
      size = await drain(await call(dpo, 'GET', `/dsar/${created.id}/export?format=zip`));
    });
    say(`  package: ${mib(size)}`);
    let link = '';
    await peak('release', async () => {
      const res = await call(dpo, 'POST', `/dsar/${created.id}/release`, {});
      link = ((await res.json()) as { downloadPath: string }).downloadPath;
    });
    await peak('requester download', async () => {
      await drain(await fetch(`http://127.0.0.1:${new URL(base).port}${link}`));
    });
    await peak('requester json', async () => {
      await drain(await call(subject, 'GET', `/dsar/${created.id}/export?format=json`));
    });
  } finally {
    await close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
