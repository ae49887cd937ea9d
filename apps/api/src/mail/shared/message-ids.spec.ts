import { Readable } from 'node:stream';
import {
  messageIdsIn,
  messageKeyOf,
  messageKeyOfStream,
  ourMessageId,
  ticketNumberInOurId,
} from './message-ids';

describe('message ids', () => {
  it('reads every id of a References header, in order', () => {
    expect(messageIdsIn('<a@x> <b@y>\r\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(messageIdsIn('bare@id')).toEqual(['bare@id']);
    expect(messageIdsIn(undefined)).toEqual([]);
  });

  it('knows our own ids, and only for our domain', () => {
    const id = ourMessageId('123', 'help.example.com');
    expect(ticketNumberInOurId(id, 'help.example.com')).toBe(123);
    expect(ticketNumberInOurId(id.slice(1, -1), 'HELP.example.com')).toBe(123);
    expect(ticketNumberInOurId(id, 'other.example.com')).toBeNull();
    expect(ticketNumberInOurId('<hd.x.abc@help.example.com>', 'help.example.com')).toBeNull();
  });

  it('keys a mail by its id, or by its bytes without one', () => {
    const k = Buffer.from('k'.repeat(32));
    expect(messageKeyOf(k, 'a@x', Buffer.from('1'))).toEqual(messageKeyOf(k, ' a@x ', Buffer.from('2')));
    expect(messageKeyOf(k, null, Buffer.from('1'))).not.toEqual(messageKeyOf(k, null, Buffer.from('2')));
  });

  it('keys a streamed mail as it keys the same bytes in memory', async () => {
    const k = Buffer.from('k'.repeat(32));
    const raw = Buffer.from('From: a@x\r\n\r\nHello');
    const chunks = () => Readable.from([raw.subarray(0, 5), raw.subarray(5)]);
    expect(await messageKeyOfStream(k, null, chunks)).toEqual(messageKeyOf(k, null, raw));
    expect(await messageKeyOfStream(k, 'a@x', chunks)).toEqual(messageKeyOf(k, 'a@x', raw));
  });
});
