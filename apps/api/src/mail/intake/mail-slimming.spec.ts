import { Readable } from 'node:stream';
import PostalMime from 'postal-mime';
import { slimMail } from './mail-slimming';

const LIMIT = 1000;

function mail(parts: { name: string; type: string; encoding: string; body: string }[]): Buffer {
  const lines = ['From: a@x.test', 'Subject: parts', 'Content-Type: multipart/mixed; boundary="b"', '', ''];
  lines.push('--b', 'Content-Type: text/plain', '', 'Hello there', '');
  for (const p of parts) {
    lines.push(
      '--b',
      `Content-Type: ${p.type}; name="${p.name}"`,
      `Content-Disposition: attachment; filename="${p.name}"`,
      `Content-Transfer-Encoding: ${p.encoding}`,
      '',
      p.body,
      '',
    );
  }
  lines.push('--b--', '');
  return Buffer.from(lines.join('\r\n'));
}

const base64 = (bytes: number) =>
  (
    Buffer.alloc(bytes, 7)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

describe('mail slimming', () => {
  it('passes a mail whose parts all fit byte for byte', async () => {
    const raw = mail([
      { name: 'a.bin', type: 'application/octet-stream', encoding: 'base64', body: base64(LIMIT) },
    ]);
    const slim = await slimMail(Readable.from([raw]), LIMIT);
    expect(slim.cut.size).toBe(0);
    expect(slim.bytes.equals(raw)).toBe(true);
  });

  it('cuts the body of each part that decodes past the limit, and only those', async () => {
    const raw = mail([
      { name: 'big.bin', type: 'application/octet-stream', encoding: 'base64', body: base64(LIMIT + 3) },
      { name: 'small.txt', type: 'text/plain', encoding: '7bit', body: 'small file' },
      { name: 'long.txt', type: 'text/plain', encoding: '8bit', body: 'x'.repeat(LIMIT + 1) },
      { name: 'quoted.txt', type: 'text/plain', encoding: 'quoted-printable', body: '=41'.repeat(LIMIT) },
    ]);
    // Small chunks: a body arrives in many pieces.
    const chunks = Array.from({ length: Math.ceil(raw.length / 100) }, (_, i) =>
      raw.subarray(i * 100, i * 100 + 100),
    );
    const slim = await slimMail(Readable.from(chunks), LIMIT);
    expect([...slim.cut.values()].map((c) => c.name)).toEqual(['big.bin', 'long.txt']);

    const parsed = await PostalMime.parse(slim.bytes);
    expect(parsed.text?.trim()).toBe('Hello there');
    const byName = new Map(parsed.attachments.map((a) => [a.filename, a]));
    expect(slim.cut.has(byName.get('big.bin')?.description ?? '')).toBe(true);
    expect(slim.cut.has(byName.get('long.txt')?.description ?? '')).toBe(true);
    expect(byName.get('small.txt')?.description).toBeUndefined();
    expect(byName.get('quoted.txt')?.description).toBeUndefined();
    expect(slim.bytes.length).toBeLessThan(raw.length - 2 * LIMIT);
  });
});
