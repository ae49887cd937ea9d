import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

/** Slots per window: hits are counted per 1/60 of the window (one second of a minute). */
const SLOTS = 60;
/** How often keys idle for a whole window (and not blocked) are dropped. */
const SWEEP_MS = 60_000;

interface Counter {
  /** Hits per slot, as a ring indexed by absolute slot number modulo SLOTS. */
  slots: Uint32Array;
  /** The newest slot counted (absolute: time / slot length). */
  head: number;
  /** Sum of `slots`: the hits within the window. */
  total: number;
  /** Until when the key is blocked (epoch ms), 0 when it is not. */
  blockedUntil: number;
}

/**
 * The rate limit's counters (`RATE_LIMIT_PER_MINUTE`), as a sliding window of per-second slots:
 * constant time and memory per request and per key.
 *
 * @nestjs/throttler's own storage keeps one expiry time per hit and copies that array on every
 * request (`filter`), so a request costs in proportion to the hits of the last minute: up to the
 * limit (6,000 by default) for one busy client, or every request under a benchmark's high limit,
 * where it made a request's cost grow with the request rate (see docs/performance.md). Here a hit
 * is counted in its second's slot and a window's total is kept as slots expire; a window reaches
 * back 59 to 60 seconds rather than exactly 60. Blocking is the library's: over the limit, a key is
 * refused for `blockDuration`, then starts again from nothing.
 */
export class RateLimitStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private lastSweep = Date.now();

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    return this.hit(`${throttlerName}\u0000${key}`, ttl, limit, blockDuration, Date.now());
  }

  /** The counting itself, with the clock passed in (for the unit tests). */
  hit(id: string, ttl: number, limit: number, blockDuration: number, now: number): ThrottlerStorageRecord {
    if (now - this.lastSweep >= SWEEP_MS) this.sweep(now, ttl);
    const slotMs = Math.max(1, ttl / SLOTS);
    const slot = Math.floor(now / slotMs);
    let c = this.counters.get(id);
    if (!c) {
      c = { slots: new Uint32Array(SLOTS), head: slot, total: 0, blockedUntil: 0 };
      this.counters.set(id, c);
    }
    advance(c, slot);
    if (c.blockedUntil) {
      if (now < c.blockedUntil) {
        return {
          totalHits: c.total + 1,
          timeToExpire: Math.ceil(ttl / 1000),
          isBlocked: true,
          timeToBlockExpire: Math.ceil((c.blockedUntil - now) / 1000),
        };
      }
      // The block is over: the key starts again from nothing, as with the library's storage.
      c.slots.fill(0);
      c.total = 0;
      c.blockedUntil = 0;
    }
    c.slots[slot % SLOTS]++;
    c.total++;
    const blocked = c.total > limit;
    if (blocked && blockDuration > 0) c.blockedUntil = now + blockDuration;
    return {
      totalHits: c.total,
      timeToExpire: Math.ceil(ttl / 1000),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil(blockDuration / 1000) : 0,
    };
  }

  /** How many keys are held (for the tests). */
  get size(): number {
    return this.counters.size;
  }

  private sweep(now: number, ttl: number): void {
    this.lastSweep = now;
    const slot = Math.floor(now / Math.max(1, ttl / SLOTS));
    for (const [id, c] of this.counters) {
      if (c.blockedUntil > now) continue;
      advance(c, slot);
      if (c.total === 0) this.counters.delete(id);
    }
  }
}

/** Moves the ring forward to `slot`, dropping the hits of the slots that left the window. */
function advance(c: Counter, slot: number): void {
  if (slot <= c.head) return;
  if (slot - c.head >= SLOTS) {
    c.slots.fill(0);
    c.total = 0;
  } else {
    for (let s = c.head + 1; s <= slot; s++) {
      const i = s % SLOTS;
      c.total -= c.slots[i];
      c.slots[i] = 0;
    }
  }
  c.head = slot;
}
