import { Client } from 'pg';

/**
 * A statement sent on a connection while another runs there (a `Promise.all` inside a
 * transaction) is queued by pg 8 with at most a deprecation warning, once per process, and pg 9
 * refuses it. Here it fails the suite that does it, naming where. (The warning itself cannot be
 * heard from a test: it goes to the worker's own `process`.)
 */
const overlapping: string[] = [];
type Queryable = Client & { _activeQuery?: unknown; pipeline?: boolean };
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function (this: Queryable, ...args: unknown[]) {
  if (this._activeQuery && !this.pipeline) {
    overlapping.push(new Error('a query was sent while another ran on its connection').stack ?? '');
  }
  return query.apply(this, args);
} as Client['query'];

afterAll(() => {
  Client.prototype.query = query as Client['query'];
  if (overlapping.length) throw new Error(overlapping.join('\n\n'));
});
