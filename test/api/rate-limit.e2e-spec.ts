import { startTestApp, type TestApp } from '../support/test-app';

/** RATE_LIMIT_PER_MINUTE through the whole app, on the API's own counters (rate-limit-storage.ts). */
describe('request limit per client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(() => t.close());

  it('answers the limit, then 429 with Retry-After and a plain message; other routes count apart', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await t.http().get('/api/health').expect(200);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(5 - i));
    }
    const refused = await t.http().get('/api/health').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.message).toBe('Too many requests; slow down and try again shortly');
    expect(JSON.stringify(refused.body)).not.toMatch(/stack|Throttler/i);
    // The limit is per route and client, as with the library's own storage.
    await t.http().get('/api/auth/me').expect(401);
  });
});
