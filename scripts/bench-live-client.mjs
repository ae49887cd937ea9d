// A client process of `npm run bench:live` (forked by scripts/bench-live.mjs; not run by hand).
//
// Opens its share of socket.io connections (websocket transport, bearer token in `auth`, as the web
// app does) to the API instances it is given, then records when each socket receives each event,
// on the clock every bench process shares (wallClockMs). Talks to the parent over IPC: every request
// carries a `seq` that its answer repeats.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { wallClockMs } from './bench-common.mjs';

let event = 'ticket.created';
let closing = false;
/** @type {{ socket: import('socket.io-client').Socket, instance: number, state: string, error: string | null, seen: Set<string> }[]} */
const sockets = [];
/** ticket id -> receive times, one list per instance. */
const byTicket = new Map();
let duplicates = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let cpuStart = process.cpuUsage();
let rssMax = 0;

const send = (msg) => process.send?.(msg);

function open(url, token, instance, timeoutMs) {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
      auth: { token },
    });
    const rec = { socket, instance, state: 'connecting', error: null, seen: new Set() };
    socket.on(event, (payload) => {
      const at = wallClockMs(); // first thing: the moment this socket's handler runs
      const id = payload?.id;
      if (typeof id !== 'string') return;
      if (rec.seen.has(id)) {
        duplicates++;
        return;
      }
      rec.seen.add(id);
      let times = byTicket.get(id);
      if (!times) byTicket.set(id, (times = [[], []]));
      times[instance].push(at);
    });
    socket.once('connect', () => {
      rec.state = 'connected';
      resolve(rec);
    });
    socket.once('connect_error', (e) => {
      rec.state = 'failed';
      rec.error = e?.message ?? String(e);
      socket.close();
      resolve(rec);
    });
    socket.on('disconnect', (reason) => {
      if (rec.state === 'connected' && !closing) {
        rec.state = 'dropped';
        rec.error = reason;
      }
    });
    sockets.push(rec);
  });
}

async function connectAll({ targets, concurrency, timeoutMs }) {
  const jobs = [];
  for (const t of targets)
    for (let i = 0; i < t.count; i++)
      jobs.push({ url: t.url, instance: t.instance, token: t.tokens[(t.offset + i) % t.tokens.length] });
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const j = jobs[next++];
      await open(j.url, j.token, j.instance, timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return { connectMs: performance.now() - started, ...counts() };
}

function counts() {
  const connected = [0, 0];
  const failed = [0, 0];
  const dropped = [0, 0];
  const errors = {};
  for (const s of sockets) {
    if (s.state === 'connected') connected[s.instance]++;
    else if (s.state === 'failed' || s.state === 'dropped') {
      (s.state === 'failed' ? failed : dropped)[s.instance]++;
      const key = `${s.state}: ${s.error}`;
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }
  return { connected, failed, dropped, errors };
}

const sampleRss = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 200);

process.on('message', async (msg) => {
  try {
    switch (msg.type) {
      case 'connect':
        event = msg.event;
        send({ seq: msg.seq, ...(await connectAll(msg)) });
        break;
      case 'clock':
        send({ seq: msg.seq, t: wallClockMs() });
        break;
      case 'measure':
        loopDelay.reset();
        loopDelay.enable();
        cpuStart = process.cpuUsage();
        send({ seq: msg.seq });
        break;
      case 'status': {
        const received = {};
        for (const id of msg.ids) {
          const t = byTicket.get(id);
          received[id] = t ? t[0].length + t[1].length : 0;
        }
        send({ seq: msg.seq, received });
        break;
      }
      case 'report': {
        loopDelay.disable();
        const cpu = process.cpuUsage(cpuStart);
        const ns = (x) => x / 1e6;
        send({
          seq: msg.seq,
          byTicket: Object.fromEntries(byTicket),
          duplicates,
          ...counts(),
          loopDelayMs: {
            p50: ns(loopDelay.percentile(50)),
            p99: ns(loopDelay.percentile(99)),
            max: ns(loopDelay.max),
          },
          cpuMs: (cpu.user + cpu.system) / 1000,
          rssMb: Math.max(rssMax, process.memoryUsage.rss()) / 2 ** 20,
        });
        break;
      }
      case 'close':
        closing = true;
        clearInterval(sampleRss);
        for (const s of sockets) s.socket.close();
        send({ seq: msg.seq });
        setTimeout(() => process.exit(0), 50);
        break;
      default:
        send({ seq: msg.seq, error: `unknown message ${msg.type}` });
    }
  } catch (e) {
    send({ seq: msg.seq, error: e?.stack ?? String(e) });
  }
});

// The parent is gone (crashed or killed): do not linger with open sockets.
process.on('disconnect', () => process.exit(0));
