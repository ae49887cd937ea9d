import PostalMime from 'postal-mime';
import { automaticKind, hardBounces, splitReply, subjectReference, textOf } from './mail-reading';

const ours = { domain: 'help.example.com', fromAddress: 'support@help.example.com' };
const parse = (headers: string, body = 'Hi') => PostalMime.parse(`${headers}\r\n\r\n${body}\r\n`);

describe('mail reading', () => {
  it('tells automatic mail by its headers, sender and id', async () => {
    const kind = async (h: string) => automaticKind(await parse(`From: a@x.test\r\n${h}`), ours);
    expect(await kind('Subject: hi')).toBeNull();
    expect(await kind('Auto-Submitted: no')).toBeNull();
    expect(await kind('Auto-Submitted: auto-replied')).toBe('auto_reply');
    expect(await kind('Precedence: Bulk')).toBe('auto_reply');
    expect(await kind('Precedence: first-class')).toBeNull();
    expect(await kind('X-Auto-Response-Suppress: OOF')).toBe('auto_reply');
    expect(await kind('Message-ID: <hd.12.abc@help.example.com>')).toBe('own_mail');
    expect(await kind('Message-ID: <hd.12.abc@elsewhere.test>')).toBeNull();
    expect(automaticKind(await parse('From: Support <SUPPORT@help.example.com>'), ours)).toBe('own_mail');
    expect(automaticKind(await parse('From: MAILER-DAEMON@mx.test'), ours)).toBe('bounce');
    expect(await kind('Content-Type: multipart/report; report-type=delivery-status; boundary="b"')).toBe(
      'bounce',
    );
  });

  it('reads the failed recipients of a delivery-status report, hard failures only', async () => {
    const mail = await parse(
      'From: MAILER-DAEMON@mx.test\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; <Gone@Example.test>\r\nStatus: 5.1.1\r\n\r\nFinal-Recipient: rfc822; slow@example.test\r\nStatus: 4.2.2\r\n--b--',
    );
    expect(hardBounces(mail)).toEqual([{ address: 'gone@example.test', status: '5.1.1' }]);
  });

  it('splits the reply from its quoted history and signature', () => {
    const split = splitReply(
      'Still broken.\r\n\r\nThanks\r\n-- \r\nAl\r\nAcme\r\n\r\nOn Mon, 1 Dec 2026, Support <s@x.test> wrote:\r\n> old text\r\n',
    );
    expect(split.reply).toBe('Still broken.\n\nThanks');
    expect(split.signature).toContain('Acme');
    expect(split.quoted).toContain('> old text');
    // Nothing but a quote: the text is kept as the reply rather than lost.
    expect(splitReply('> only a quote').reply).toBe('> only a quote');
  });

  it('reads HTML as text without images or link targets', async () => {
    const mail = await parse(
      'From: a@x.test\r\nContent-Type: text/html',
      '<p>Hi <a href="http://t.test/x">there</a></p><img src="http://t.test/p.gif">',
    );
    expect(textOf(mail).trim()).toBe('Hi there');
  });

  it('finds a ticket reference in brackets only', () => {
    expect(subjectReference('Re: printer [HD-000123]')).toBe(123);
    expect(subjectReference('HD-000123 without brackets')).toBeNull();
  });
});
