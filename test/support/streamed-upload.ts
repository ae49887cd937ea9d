import { readdirSync, statSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { TestApp } from './test-app';

/** The files in a directory tree, with their sizes (none when it does not exist). */
export function filesUnder(dir: string): { path: string; size: number }[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return { path, size: statSync(path).size };
      });
  } catch {
    return [];
  }
}

/** Polls `probe` until it gives a value. */
export async function until<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts an upload through a real socket with a chunked body, so the test decides when (and
 * whether) the body ends: supertest sends it whole. Resolves the response when one comes.
 */
export function openStreamedUpload(
  t: TestApp,
  opts: { method: string; path: string; headers: Record<string, string> },
): { req: ClientRequest; response: Promise<{ status: number; body: string }> } {
  const req = httpRequest(new URL(opts.path, t.baseUrl), {
    method: opts.method,
    headers: { ...opts.headers, 'transfer-encoding': 'chunked' },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  return { req, response };
}
