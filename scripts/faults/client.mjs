// HTTP for the fault scenarios: every request has a deadline, and its outcome is recorded, never thrown.
import { sleep } from '../bench-common.mjs';

export const UNAVAILABLE = 'The database is unavailable; try again shortly';
export const PASSWORD = 'steady-lanterns-on-the-quay-7731';

/** `{status, body, ms}`; status 0 with `error` when the connection failed, 'timeout' when it hung. */
export async function call(baseUrl, method, path, { token, body, raw, type, timeoutMs = 10_000 } = {}) {
  const started = performance.now();
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (raw !== undefined) headers['content-type'] = type;
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, ms: performance.now() - started };
  } catch (e) {
    const timeout = e?.name === 'TimeoutError';
    return {
      status: timeout ? 'timeout' : 0,
      error: e?.cause?.code ?? e?.name,
      ms: performance.now() - started,
    };
  }
}

/** Like call(), but throws unless the status is the expected one. For setup steps. */
export async function must(expected, baseUrl, method, path, opts) {
  const res = await call(baseUrl, method, path, opts);
  if (res.status !== expected) {
    throw new Error(`${method} ${path}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

export async function login(baseUrl, email, password = PASSWORD) {
  return (await must(200, baseUrl, 'POST', '/api/auth/login', { body: { email, password } })).accessToken;
}

/** Polls GET /api/health until it answers 200; returns the ms waited, or null at the deadline. */
export async function waitHealthy(baseUrl, deadlineMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    const res = await call(baseUrl, 'GET', '/api/health', { timeoutMs: 2000 });
    if (res.status === 200 && res.body?.status === 'ok') return Date.now() - started;
    await sleep(100);
  }
  return null;
}

/**
 * Accounts for a run: an admin planted in the database (there is no other way to get the first
 * one), then through the API one customer organisation and `customers` customer accounts, each
 * signed in. Returns `{admin, customers: [{id, email, token}], organisationId}`.
 */
export async function createAccounts(baseUrl, adminToken, customers, tag) {
  const org = await must(201, baseUrl, 'POST', '/api/organisations', {
    token: adminToken,
    body: { name: `Fault Test Ltd ${tag}` },
  });
  const out = [];
  for (let i = 0; i < customers; i++) {
    const email = `fault.customer${i}.${tag}@faults.example`;
    const user = await must(201, baseUrl, 'POST', '/api/users', {
      token: adminToken,
      body: {
        email,
        password: PASSWORD,
        role: 'customer',
        organisationId: org.id,
        person: { fullName: `Fault Customer ${i}` },
      },
    });
    out.push({ id: user.id, email, token: await login(baseUrl, email) });
  }
  return { organisationId: org.id, customers: out };
}
