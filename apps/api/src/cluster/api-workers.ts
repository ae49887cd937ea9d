import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { isSocketIpcMessage } from '../realtime/cluster-ipc.adapter';

/** Set by the primary in each worker's environment: `lead` or `extra` (internal, not configuration). */
export const WORKER_ROLE_VAR = 'HUSHDESK_WORKER_ROLE';
/** Set by the primary when it started the embedded PostgreSQL whose URL the workers get. */
export const WORKER_EMBEDDED_VAR = 'HUSHDESK_WORKER_EMBEDDED';

/** What a worker tells its primary once its HTTP server listens. */
export const LISTENING = 'hushdesk:listening';
/** What the primary tells the lead once every worker listens: the lead then prints its lines. */
export const ALL_LISTENING = 'hushdesk:all-listening';

/** How many API processes `API_WORKERS` asks for: `auto` is one per core. */
export function workerCount(value: string): number {
  return value === 'auto' ? Math.max(1, availableParallelism()) : Number(value);
}

/** This process's role when it is a worker of several, or undefined when it runs alone. */
export function workerRole(): { lead: boolean } | undefined {
  if (!cluster.isWorker) return undefined;
  return { lead: process.env[WORKER_ROLE_VAR] === 'lead' };
}

/** A worker that stops within this long of starting counts as crashing on start. */
const CRASH_WINDOW_MS = 30_000;
/** How long stopping waits for the workers to finish their requests before killing them. */
const STOP_TIMEOUT_MS = 30_000;

interface Slot {
  role: 'lead' | 'extra';
  worker?: Worker;
  startedAt: number;
  /** Consecutive stops within CRASH_WINDOW_MS of starting: the restart waits longer each time. */
  crashes: number;
  listening: boolean;
}

/**
 * The primary of an API with several processes on one host (API_WORKERS > 1), on node:cluster:
 * the workers share PORT (the primary accepts connections and hands them out in turn).
 *
 * The lead worker starts first and alone: it runs the migrations, the demo seed, the job workers
 * (pg-boss, with their schedule) and the SMTP intake, all of which run once per host. The others
 * start once it listens, and serve HTTP and sockets; they queue jobs for the lead. A worker that
 * dies is started again in its role (after 1 s, doubling up to 30 s while it keeps dying on start).
 * SIGTERM or SIGINT stops every worker gracefully, then `onStopped` runs (the embedded database).
 * The primary also relays socket.io's messages between workers when there is no Redis.
 */
export async function runPrimary(opts: {
  workers: number;
  env: Record<string, string>;
  say: (line: string) => void;
  onStopped: () => Promise<void>;
}): Promise<void> {
  const { say } = opts;
  // Structured clone over IPC: socket.io packets may carry binary data and dates.
  cluster.setupPrimary({ serialization: 'advanced' });
  const slots: Slot[] = Array.from({ length: opts.workers }, (_, i) => ({
    role: i === 0 ? 'lead' : 'extra',
    startedAt: 0,
    crashes: 0,
    listening: false,
  }));
  let stopping = false;
  let announced = false;

  const fork = (slot: Slot) => {
    slot.startedAt = Date.now();
    slot.listening = false;
    const worker = cluster.fork({ ...opts.env, [WORKER_ROLE_VAR]: slot.role });
    slot.worker = worker;
    // IPC errors (a channel closed mid-send) are not the primary's to die of.
    worker.on('error', () => undefined);
    worker.on('message', (m: unknown) => {
      if (isSocketIpcMessage(m)) {
        for (const other of slots)
          if (other.worker && other.worker !== worker && other.worker.isConnected())
            // A worker on its way out may have closed its channel: that message is its loss.
            other.worker.send(m as never, undefined, {}, () => undefined);
        return;
      }
      if ((m as { type?: string })?.type !== LISTENING) return;
      slot.listening = true;
      if (slot.role === 'lead' && !announced)
        for (const extra of slots) if (extra.role === 'extra' && !extra.worker) fork(extra);
      if (!announced && slots.every((s) => s.listening)) {
        announced = true;
        const pids = slots.map((s) => s.worker?.process.pid).join(', ');
        say(
          `${slots.length} API workers listening (pids ${pids}; the first runs the jobs and the mail intake)`,
        );
      }
      if (announced) slots[0].worker?.send({ type: ALL_LISTENING }, undefined, {}, () => undefined);
    });
    worker.on('exit', (code, signal) => {
      if (slot.worker === worker) slot.worker = undefined;
      if (stopping) return;
      // The lead never came up the first time (bad configuration, database unreachable): stop.
      if (slot.role === 'lead' && !announced && !slot.listening) {
        say(`the lead API worker exited while starting (${signal ?? code}): stopping`);
        void stop(typeof code === 'number' && code !== 0 ? code : 1);
        return;
      }
      slot.crashes = Date.now() - slot.startedAt < CRASH_WINDOW_MS ? slot.crashes + 1 : 0;
      const delay = Math.min(30_000, 1000 * 2 ** Math.max(0, slot.crashes - 1));
      say(
        `API worker ${worker.process.pid} (${slot.role}) exited (${signal ?? code}): restarting in ${delay / 1000} s`,
      );
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, delay);
    });
  };

  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const running = slots.flatMap((s) => (s.worker ? [s.worker] : []));
    await Promise.all(
      running.map(
        (w) =>
          new Promise<void>((done) => {
            if (w.isDead()) return done();
            const timer = setTimeout(() => w.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
            w.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            w.process.kill('SIGTERM');
          }),
      ),
    );
    await opts.onStopped().catch(() => undefined);
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      say(`${signal} received: stopping ${slots.length} API workers`);
      void stop(0);
    });

  fork(slots[0]);
}

/**
 * Tells the primary (if any) that this worker's HTTP server listens. The lead then waits until
 * every worker listens, so its start-up lines (the address, the demo logins) come last.
 */
export async function reportListening(): Promise<void> {
  if (!cluster.isWorker || !process.send) return;
  const lead = process.env[WORKER_ROLE_VAR] === 'lead';
  const all = new Promise<void>((done) => {
    const heard = (m: unknown) => {
      if ((m as { type?: string })?.type !== ALL_LISTENING) return;
      process.off('message', heard);
      done();
    };
    if (lead) process.on('message', heard);
  });
  process.send({ type: LISTENING });
  if (lead) await all;
}
