import { redact } from '../redaction';
import { findKnownEmails } from './known-emails';

const KNOWN = 'priya.shah@acme.example';
const scrubbed = (text: string, known: string[] = [KNOWN]) => redact(text, findKnownEmails(text, known));

describe('findKnownEmails: a known address however it is written', () => {
  it.each([
    ['Priya.Shah@ACME.example', '[email]'],
    ['PRIYA.SHAH@ACME.EXAMPLE', '[email]'],
    ['mailto:priya.shah@acme.example', 'mailto:[email]'],
    ['<priya.shah@acme.example>', '<[email]>'],
    ['"Priya" <Priya.Shah@Acme.Example>', '"Priya" <[email]>'],
    ['https://x.test/?to=priya.shah%40acme.example&y=1', 'https://x.test/?to=[email]&y=1'],
    ['mailto%3Apriya.shah%40acme.example', 'mailto%3A[email]'],
    ['%3Cpriya.shah%40acme.example%3E', '%3C[email]%3E'],
    ['priya.shah @ acme.example', '[email]'],
    ['priya.shah [at] acme [dot] example', '[email]'],
    ['priya.shah(at)acme(dot)example', '[email]'],
    ['priya dot shah at acme dot example', '[email]'],
    ['priya.shah@acme.example.', '[email].'],
  ])('%s', (written, expected) => {
    expect(scrubbed(`Write to ${written} today`)).toBe(`Write to ${expected} today`);
  });

  it('leaves other addresses, even ones that contain the known one', () => {
    for (const text of [
      'dana.priya.shah@acme.example',
      'priya.shah@acme.example.com',
      'priya.shah@acme.examples',
      'priya.shah2@acme.example',
      'xpriya.shah@acme.example',
      'priya.shah@globex.example',
      'priya shah at the acme office',
    ]) {
      expect({ text, found: findKnownEmails(text, [KNOWN]) }).toEqual({ text, found: [] });
    }
  });

  it('takes every character an address may hold literally', () => {
    const odd = "o'neil-smith+help.desk{1}|x*?^$/=#&~`!@sub-domain.acme-telecom.example";
    expect(scrubbed(`to ${odd.toUpperCase()}.`, [odd])).toBe('to [email].');
    expect(findKnownEmails('oXneil-smith', [odd])).toEqual([]);
  });

  it('reports the address normalised, and finds every occurrence', () => {
    const found = findKnownEmails('A: PRIYA.SHAH@acme.example, B: priya.shah%40acme.example', [
      ' Priya.Shah@Acme.Example ',
    ]);
    expect(found.map((d) => [d.raw, d.normalised])).toEqual([
      ['PRIYA.SHAH@acme.example', KNOWN],
      ['priya.shah%40acme.example', KNOWN],
    ]);
  });
});
