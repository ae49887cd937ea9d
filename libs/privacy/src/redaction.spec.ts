import { NameMatcher } from './identifiers/name';
import type { Detection } from './identifiers/types';
import { PLACEHOLDERS, redact, redactIdentifiers } from './redaction';

describe('redact', () => {
  it('replaces each span with its placeholder, in any order', () => {
    const text = 'Alice on 07700 900123 or alice@example.com';
    const ds: Detection[] = [
      { kind: 'email', start: 25, end: 42, raw: 'alice@example.com', normalised: 'alice@example.com' },
      { kind: 'name', start: 0, end: 5, raw: 'Alice', normalised: 'alice' },
      { kind: 'phone', start: 9, end: 21, raw: '07700 900123', normalised: '+447700900123' },
    ];
    expect(redact(text, ds)).toBe('[name] on [phone] or [email]');
  });

  it('skips overlapping and out-of-range detections and leaves text alone without any', () => {
    const ds: Detection[] = [
      { kind: 'email', start: 0, end: 10, raw: '', normalised: '' },
      { kind: 'phone', start: 5, end: 12, raw: '', normalised: '' },
      { kind: 'name', start: 20, end: 99, raw: '', normalised: '' },
    ];
    expect(redact('0123456789abcdefghijklmn', ds)).toBe('[email]abcdefghijklmn');
    expect(redact('nothing here', [])).toBe('nothing here');
  });

  it('has one placeholder per kind', () => {
    expect(PLACEHOLDERS).toEqual({ email: '[email]', phone: '[phone]', name: '[name]' });
  });
});

describe('redactIdentifiers', () => {
  const names = new NameMatcher(['Alice Archer']);
  const text =
    'Archer, Alice (alice@example.com) on +44 (0)20 7946 0958 re HD-000123 at 10:30 on 12/03/2024.';

  it('detects and redacts in one go', () => {
    const r = redactIdentifiers(text, { names });
    expect(r.text).toBe('[name] ([email]) on [phone] re HD-000123 at 10:30 on 12/03/2024.');
    expect(r.detections.map((d) => d.kind)).toEqual(['name', 'email', 'phone']);
  });

  it('redacts only the kinds asked for', () => {
    expect(redactIdentifiers(text, { names, kinds: ['phone'] }).text).toBe(
      'Archer, Alice (alice@example.com) on [phone] re HD-000123 at 10:30 on 12/03/2024.',
    );
    expect(redactIdentifiers(text).text).toBe(
      'Archer, Alice ([email]) on [phone] re HD-000123 at 10:30 on 12/03/2024.',
    );
  });
});
