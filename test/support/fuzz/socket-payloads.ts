import fc from 'fast-check';
import { UNICODE_EDGES } from './payloads';

/**
 * Hostile arguments for a client event: what a modified client can put in an `emit`, beyond the
 * one well-formed value the event expects. None of them names the watched ticket in its exact
 * canonical form, so no payload here may take effect.
 */
export function hostileSocketArgs(ticketId: string): fc.Arbitrary<unknown[]> {
  const text = fc.oneof(
    fc.constantFrom(...UNICODE_EDGES),
    fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 60,
    }),
  );
  const nearlyTheTicket = fc.constantFrom(
    ` ${ticketId}`,
    `${ticketId}\u0000`,
    `${ticketId}${ticketId}`,
    `presence:${ticketId}`,
    ticketId.slice(1),
    ticketId.replace(/-/g, ''),
    `{${ticketId}}`,
    `'${ticketId}'; DROP TABLE tickets;--`,
  );
  const ownProto = (inner: string) => JSON.parse(`{"__proto__":{"polluted":1},${inner}}`) as object;
  const oneArg = fc.oneof(
    fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
    text,
    nearlyTheTicket,
    fc.constantFrom(
      'x'.repeat(200_000),
      Buffer.from([0, 1, 2, 255]),
      JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`) as unknown,
      ownProto(`"ticketId":"${ticketId}"`),
      JSON.parse(`{"constructor":{"prototype":{"polluted":1}},"ticketId":"${ticketId}"}`) as unknown,
      { ticketId: [ticketId], activity: 'replying' },
      { ticketId: { toString: ticketId }, activity: 'replying' },
      { ticketId, activity: { $ne: null } },
      -0,
      Number.MAX_SAFE_INTEGER,
      null,
    ),
    fc.record({ ticketId: fc.oneof(text, nearlyTheTicket), activity: fc.oneof(text, fc.anything()) }),
  );
  return fc.oneof(
    oneArg.map((a) => [a]),
    fc.array(oneArg, { minLength: 2, maxLength: 4 }),
    fc.constant([] as unknown[]),
  );
}

/** Event names a client may not use, or that the server only ever sends. */
export const FOREIGN_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'ticket.presence',
  'retention.progress',
  'dsar.progress',
  'exception',
  'error',
  'message',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'ticket.watch ',
  'TICKET.WATCH',
  'ticket:watch',
];

/**
 * Raw socket.io packets that no client library would write: truncated, of unknown type, for a
 * namespace never joined, a binary event whose attachment never comes, a huge ack id.
 */
export const MALFORMED_PACKETS = [
  '42["ticket.watch"',
  '42',
  '42{"ticketId":1}',
  '4x',
  '49["ticket.watch","x"]',
  '42/admin,["ticket.watch","x"]',
  '451-["ticket.watch",{"_placeholder":true,"num":0}]',
  '4299999999999999999999["ticket.watch","x"]',
  '42["__proto__",{"polluted":1}]',
  '40',
  '4',
];
