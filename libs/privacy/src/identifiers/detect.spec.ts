import { detectIdentifiers } from './detect';
import { NameMatcher } from './name';

describe('detectIdentifiers', () => {
  const names = new NameMatcher(['Alice Archer']);
  const text = 'Alice Archer (alice.archer@example.com, 07700 900123) raised HD-000123 on 2024-03-12.';

  it('returns every kind sorted by start', () => {
    expect(detectIdentifiers(text, { names }).map((d) => [d.kind, d.raw, d.normalised])).toEqual([
      ['name', 'Alice Archer', 'alice archer'],
      ['email', 'alice.archer@example.com', 'alice.archer@example.com'],
      ['phone', '07700 900123', '+447700900123'],
    ]);
  });

  it('finds no names without a matcher, and only the kinds asked for', () => {
    expect(detectIdentifiers(text).map((d) => d.kind)).toEqual(['email', 'phone']);
    expect(detectIdentifiers(text, { names, kinds: ['phone'] }).map((d) => d.kind)).toEqual(['phone']);
  });

  it('never returns overlapping spans, preferring the longer one', () => {
    const m = new NameMatcher(['Example Com']);
    const ds = detectIdentifiers('mail 07700900123@example.com now', { names: m });
    expect(ds.map((d) => d.raw)).toEqual(['07700900123@example.com']);
  });

  it('uses the default country for national numbers', () => {
    expect(detectIdentifiers('appelez le 01 23 45 67 89', { defaultCountry: 'FR' })[0].normalised).toBe(
      '+33123456789',
    );
  });

  it('gives every way of writing one number the same normalised value, so an erasure matches each', () => {
    const written = [
      '0044-7700-900-777',
      '+44 (0)7700 900 777',
      '(+44) 7700 900777',
      '07700-900-777',
      '077 009 007 77',
      '07700.900.777',
      '0 7 7 0 0 9 0 0 7 7 7',
    ];
    const text = `Contact me on priya.shah@acme.example or ${written.join(', or ')}.`;
    const found = detectIdentifiers(text).filter((d) => d.kind === 'phone');
    expect(found.map((d) => d.raw)).toEqual(written);
    expect(new Set(found.map((d) => d.normalised))).toEqual(new Set(['+447700900777']));
  });

  it('handles empty text', () => {
    expect(detectIdentifiers('')).toEqual([]);
  });
});
