import { DateTime } from 'luxon';
import { assertValidCalendar, isWithinBusinessHours } from './business-time';
import { BUSINESS_DAY_MINUTES, type BusinessCalendar, DEFAULT_CALENDAR } from './calendar';
import { london } from './test-helpers';

/** Easter Sunday (anonymous Gregorian algorithm), as an ISO date. */
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day);
}

describe('DEFAULT_CALENDAR', () => {
  const holidays = DEFAULT_CALENDAR.bankHolidays;

  it('is London, Mon–Fri 08:30–17:00', () => {
    expect(DEFAULT_CALENDAR).toMatchObject({
      timezone: 'Europe/London',
      openingTime: '08:30',
      closingTime: '17:00',
      workingDays: [1, 2, 3, 4, 5],
    });
    expect(BUSINESS_DAY_MINUTES).toBe(8.5 * 60);
    expect(() => assertValidCalendar(DEFAULT_CALENDAR)).not.toThrow();
  });

  it.each([2025, 2026, 2027, 2028])('has the eight England & Wales bank holidays of %i', (year) => {
    const ofYear = holidays.filter((d) => d.startsWith(`${year}-`));
    expect(ofYear).toHaveLength(8);
    const easter = easterSunday(year);
    expect(ofYear).toContain(easter.minus({ days: 2 }).toISODate());
    expect(ofYear).toContain(easter.plus({ days: 1 }).toISODate());
  });

  it('puts every bank holiday on a weekday, once, in order', () => {
    for (const date of holidays) expect(DateTime.fromISO(date).weekday).toBeLessThanOrEqual(5);
    expect(new Set(holidays).size).toBe(holidays.length);
    expect([...holidays].sort()).toEqual([...holidays]);
  });

  it('includes the substitute days', () => {
    expect(holidays).toEqual(
      expect.arrayContaining(['2026-12-28', '2027-12-27', '2027-12-28', '2028-01-03']),
    );
    expect(holidays).not.toContain('2026-12-26');
    expect(holidays).not.toContain('2028-01-01');
  });
});

describe('isWithinBusinessHours', () => {
  it.each([
    ['2026-01-12T08:29:59', false],
    ['2026-01-12T08:30', true],
    ['2026-01-12T16:59:59', true],
    ['2026-01-12T17:00', false],
    ['2026-01-17T10:00', false], // Saturday
    ['2026-12-28T10:00', false], // Boxing Day substitute
    ['2026-07-06T08:30', true], // BST: 07:30 UTC
  ])('%s London -> %s', (local, expected) => {
    expect(isWithinBusinessHours(london(local), DEFAULT_CALENDAR)).toBe(expected);
  });
});

describe('assertValidCalendar', () => {
  const ok: BusinessCalendar = { ...DEFAULT_CALENDAR, workingDays: [1, 2, 3, 4, 5] };
  it.each<[string, Partial<BusinessCalendar>]>([
    ['an unknown zone', { timezone: 'Europe/Atlantis' }],
    ['a malformed opening time', { openingTime: '8:30' }],
    ['an impossible closing time', { closingTime: '25:00' }],
    ['closing before opening', { openingTime: '17:00', closingTime: '08:30' }],
    ['no working days', { workingDays: [] }],
    ['a weekday out of range', { workingDays: [0, 1] }],
    ['a malformed holiday', { bankHolidays: ['2026-02-30'] }],
  ])('rejects %s', (_name, change) => {
    expect(() => assertValidCalendar({ ...ok, ...change })).toThrow(RangeError);
  });
});
