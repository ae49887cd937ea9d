import { types } from 'pg';
import { parseTimestamptz, pgTypes } from './timestamptz';

const postgresDate = types.getTypeParser(1184, 'text') as (text: string) => unknown;
const same = (text: string) => {
  const fast = parseTimestamptz(text);
  const slow = postgresDate(text);
  expect({ text, value: fast instanceof Date ? fast.getTime() : fast }).toEqual({
    text,
    value: slow instanceof Date ? slow.getTime() : slow,
  });
};

/** A timestamp printed as PostgreSQL prints a timestamptz for a session in the given zone offset. */
function printed(epochMs: number, micros: number, offsetMinutes: number, digits: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const fraction = digits
    ? `.${String(local.getUTCMilliseconds() * 1000 + micros)
        .padStart(6, '0')
        .slice(0, digits)}`
    : '';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${pad(Math.floor(abs / 60))}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${zone}`
  );
}

describe('parseTimestamptz', () => {
  it('reads what PostgreSQL prints exactly as node-postgres does', () => {
    for (const text of [
      '2026-12-04 21:55:00+00',
      '2026-12-04 21:55:00.1+00',
      '2026-12-04 21:55:00.12+00',
      '2026-12-04 21:55:00.123+00',
      '2026-12-04 21:55:00.123456+00',
      '2026-12-04 21:55:00.999999+00',
      '2026-03-29 01:30:00+01',
      '2026-12-04 21:55:00.5+05:30',
      '2026-12-04 21:55:00-03',
      '1900-01-01 00:00:00+00:01:15',
      '2000-02-29 23:59:59.000001-09:30',
      '9999-12-31 23:59:59.999999+00',
    ])
      same(text);
  });

  it('agrees with node-postgres on 5,000 random timestamps, zones and precisions', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const zones = [0, 60, -300, 330, 345, -570, 840, -720];
    for (let i = 0; i < 5000; i++) {
      const epochMs = Math.floor((random() * 2 - 0.5) * 4e12);
      same(printed(epochMs, Math.floor(random() * 1000), zones[i % zones.length], i % 7));
    }
  });

  it('hands every other form to node-postgres', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '0044-03-15 12:00:00+00 BC',
      '0099-01-01 00:00:00+00',
      '12026-01-01 00:00:00+00',
      '2026-12-04T21:55:00Z',
      '2026-12-04 21:55:00',
      '2026-12-04',
    ])
      same(text);
  });

  it('is the pool’s parser for timestamptz only, text format only', () => {
    expect(pgTypes.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
    expect(pgTypes.getTypeParser(1184, 'binary')).toBe(types.getTypeParser(1184, 'binary'));
    expect(pgTypes.getTypeParser(1114, 'text')).toBe(types.getTypeParser(1114, 'text'));
    expect(pgTypes.getTypeParser(23, 'text')).toBe(types.getTypeParser(23, 'text'));
  });
});
