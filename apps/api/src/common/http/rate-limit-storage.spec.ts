import { RateLimitStorage } from './rate-limit-storage';

const MINUTE = 60_000;
const T0 = 1_800_000_000_000; // a whole second, so slots line up with the steps below

describe('RateLimitStorage', () => {
  it('counts hits within the last minute and refuses the one over the limit', () => {
    const s = new RateLimitStorage();
    for (let i = 1; i <= 3; i++) {
      const r = s.hit('k', MINUTE, 3, MINUTE, T0 + i * 1000);
      expect(r).toMatchObject({ totalHits: i, isBlocked: false, timeToBlockExpire: 0 });
    }
    const over = s.hit('k', MINUTE, 3, MINUTE, T0 + 4000);
    expect(over.isBlocked).toBe(true);
    expect(over.timeToBlockExpire).toBe(60);
  });

  it('forgets hits once they are a minute old', () => {
    const s = new RateLimitStorage();
    s.hit('k', MINUTE, 2, MINUTE, T0);
    s.hit('k', MINUTE, 2, MINUTE, T0 + 30_000);
    expect(s.hit('k', MINUTE, 2, MINUTE, T0 + 60_000).totalHits).toBe(2); // the first one left the window
    expect(s.hit('k', MINUTE, 5, MINUTE, T0 + 5 * MINUTE).totalHits).toBe(1); // all gone after a long pause
  });

  it('keeps a blocked key blocked for the block duration, then starts it from nothing', () => {
    const s = new RateLimitStorage();
    s.hit('k', MINUTE, 1, 10_000, T0);
    expect(s.hit('k', MINUTE, 1, 10_000, T0 + 1000).isBlocked).toBe(true);
    const still = s.hit('k', MINUTE, 1, 10_000, T0 + 5000);
    expect(still).toMatchObject({ isBlocked: true, timeToBlockExpire: 6 });
    expect(s.hit('k', MINUTE, 1, 10_000, T0 + 11_001)).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('keeps keys apart', () => {
    const s = new RateLimitStorage();
    s.hit('a', MINUTE, 1, MINUTE, T0);
    expect(s.hit('b', MINUTE, 1, MINUTE, T0).isBlocked).toBe(false);
    expect(s.hit('a', MINUTE, 1, MINUTE, T0).isBlocked).toBe(true);
  });

  it('drops idle keys, so memory follows the clients of the last minute', () => {
    const s = new RateLimitStorage();
    s.hit('a', MINUTE, 10, MINUTE, T0);
    s.hit('b', MINUTE, 10, MINUTE, T0 + 50_000);
    s.hit('c', MINUTE, 10, MINUTE, T0 + 2 * MINUTE); // sweeps: a and b are a minute old or more
    expect(s.size).toBe(1);
  });

  it('costs the same per request however many hits the window holds', () => {
    // The best of five runs each, so a busy machine's pauses do not decide it.
    const perHit = (hits: number) => {
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const s = new RateLimitStorage();
        const t = performance.now();
        for (let i = 0; i < hits; i++)
          s.hit('busy', MINUTE, 1e9, MINUTE, T0 + Math.floor((i / hits) * 50_000));
        best = Math.min(best, (performance.now() - t) / hits);
      }
      return best;
    };
    perHit(20_000); // warm-up
    // The library's storage copied the whole window on each hit: ten times the hits, ten times the cost.
    expect(perHit(200_000)).toBeLessThan(perHit(20_000) * 4);
  });
});
