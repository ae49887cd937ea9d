import { scrubDeep, scrubIdentifiers } from './log-scrub';

describe('scrubIdentifiers', () => {
  it.each([
    ['login failed for jane.doe+support@example.co.uk', 'login failed for [email]'],
    ['call back on 07700 900123 please', 'call back on [phone] please'],
    ['intl +44 (0)20 7946 0958', 'intl [phone]'],
    ['us 415-555-0132', 'us [phone]'],
    ['dotted 0161.496.0000', 'dotted [phone]'],
  ])('masks %s', (input, expected) => {
    expect(scrubIdentifiers(input)).toBe(expected);
  });

  it('leaves uuids, short numbers and plain words alone', () => {
    const text = 'user 3f2b8c9e-1d4a-4c6b-9e8f-0a1b2c3d4e5f got 404 after 1500 ms on HD-000123';
    expect(scrubIdentifiers(text)).toBe(text);
  });

  it('scrubs nested values without mutating the input', () => {
    const input = { msg: 'x', req: { body: ['a@b.io'], n: 3 } };
    expect(scrubDeep(input)).toEqual({ msg: 'x', req: { body: ['[email]'], n: 3 } });
    expect(input.req.body[0]).toBe('a@b.io');
  });
});
