// Shared by the SLA specs only (not exported from the library).
import { DateTime } from 'luxon';

export const LONDON = 'Europe/London';

/** A London wall-clock time ('2026-03-30T09:30') as a Date. */
export function london(localIso: string): Date {
  const dt = DateTime.fromISO(localIso, { zone: LONDON });
  if (!dt.isValid) throw new Error(`bad test time ${localIso}`);
  return dt.toJSDate();
}

/** A Date as London wall-clock time with its offset, e.g. '2026-03-30T09:30:00.000+01:00'. */
export function inLondon(date: Date): string | null {
  return DateTime.fromJSDate(date, { zone: LONDON }).toISO();
}

/** Small seeded PRNG (mulberry32), so property-style tests are repeatable without extra dependencies. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
