import { DateTime } from 'luxon';
import {
  addWorkingMinutes,
  isWithinBusinessHours,
  resumeDueAt,
  workingMinutesBetween,
} from './business-time';
import { type BusinessCalendar, DEFAULT_CALENDAR } from './calendar';
import { computeDueDates, DEFAULT_SLA_TARGETS } from './targets';
import { inLondon, LONDON, london, seededRandom } from './test-helpers';

const cal = DEFAULT_CALENDAR;
const addBusiness = (start: Date, minutes: number) => addWorkingMinutes(start, minutes, 'business', cal);
const businessBetween = (from: Date, to: Date) => workingMinutesBetween(from, to, 'business', cal);

describe('addWorkingMinutes (business)', () => {
  it.each([
    // [case, start (London wall clock), minutes, expected (London wall clock)]
    ['within a day', '2026-01-12T09:00', 120, '2026-01-12T11:00'],
    ['zero minutes inside hours', '2026-01-12T09:00', 0, '2026-01-12T09:00'],
    ['starting before opening counts from 08:30', '2026-01-12T07:00', 60, '2026-01-12T09:30'],
    ['zero minutes before opening is the opening', '2026-01-12T07:00', 0, '2026-01-12T08:30'],
    ['starting after Friday closing counts from Monday', '2026-01-16T18:00', 60, '2026-01-19T09:30'],
    ['18:00 Friday starts the clock at Monday 08:30', '2026-01-16T18:00', 0, '2026-01-19T08:30'],
    ['starting at closing time counts from the next opening', '2026-01-12T17:00', 30, '2026-01-13T09:00'],
    ['starting on a Sunday', '2026-01-18T12:00', 30, '2026-01-19T09:00'],
    // Friday 16:00 + 60 is Friday 17:00 (closing); it takes 120 minutes to reach Monday 09:30.
    ['up to Friday closing', '2026-01-16T16:00', 60, '2026-01-16T17:00'],
    ['across a weekend', '2026-01-16T16:00', 120, '2026-01-19T09:30'],
    ['across a weekend from 16:30', '2026-01-16T16:30', 60, '2026-01-19T09:00'],
    ['across Christmas 2026 bank holidays', '2026-12-24T16:30', 60, '2026-12-29T09:00'],
    ['across Easter 2026 (Good Friday, Easter Monday)', '2026-04-02T16:00', 90, '2026-04-07T09:00'],
    ['across the August 2026 bank holiday (BST)', '2026-08-28T16:00', 120, '2026-09-01T09:30'],
    ['landing exactly at closing returns closing', '2026-01-12T16:00', 60, '2026-01-12T17:00'],
    ['a whole day from opening ends at closing', '2026-01-12T08:30', 510, '2026-01-12T17:00'],
    ['a whole day from before opening ends at closing', '2026-01-12T06:00', 510, '2026-01-12T17:00'],
    ['one minute past a full day spills into tomorrow', '2026-01-12T08:30', 511, '2026-01-13T08:31'],
    ['a full day from mid-morning', '2026-01-12T10:00', 510, '2026-01-13T10:00'],
    ['landing at Friday closing stays on Friday', '2026-01-16T15:00', 120, '2026-01-16T17:00'],
  ])('%s: %s + %i min -> %s', (_name, start, minutes, expected) => {
    expect(inLondon(addBusiness(london(start), minutes))).toBe(inLondon(london(expected)));
  });

  it('P2 first response (4 business hours) from Monday 15:00 is Tuesday 10:30', () => {
    const { firstResponseDueAt, resolutionDueAt } = computeDueDates(
      london('2026-01-12T15:00'),
      'P2',
      DEFAULT_SLA_TARGETS,
      cal,
    );
    expect(firstResponseDueAt).toEqual(london('2026-01-13T10:30'));
    expect(resolutionDueAt).toEqual(london('2026-01-13T15:00'));
  });

  it('P4 resolution is 10 business days (two calendar weeks with no holidays)', () => {
    const created = london('2026-01-12T10:00');
    const { firstResponseDueAt, resolutionDueAt } = computeDueDates(created, 'P4', DEFAULT_SLA_TARGETS, cal);
    expect(firstResponseDueAt).toEqual(london('2026-01-14T10:00'));
    expect(resolutionDueAt).toEqual(london('2026-01-26T10:00'));
    expect(businessBetween(created, resolutionDueAt)).toBe(5100);
  });

  it('P4 resolution over Easter skips Good Friday and Easter Monday', () => {
    const { resolutionDueAt } = computeDueDates(london('2026-04-02T10:00'), 'P4', DEFAULT_SLA_TARGETS, cal);
    expect(inLondon(resolutionDueAt)).toBe('2026-04-20T10:00:00.000+01:00');
    expect(resolutionDueAt.toISOString()).toBe('2026-04-20T09:00:00.000Z');
  });

  it('P3 targets are one and three business days', () => {
    const { firstResponseDueAt, resolutionDueAt } = computeDueDates(
      london('2026-01-15T11:00'), // Thursday
      'P3',
      DEFAULT_SLA_TARGETS,
      cal,
    );
    expect(firstResponseDueAt).toEqual(london('2026-01-16T11:00'));
    expect(resolutionDueAt).toEqual(london('2026-01-20T11:00'));
  });

  it('keeps millisecond precision and accepts fractional minutes', () => {
    const start = london('2026-01-12T09:00');
    expect(addBusiness(start, 0.5).getTime() - start.getTime()).toBe(30_000);
    expect(addBusiness(start, 1 / 60_000).getTime() - start.getTime()).toBe(1);
  });

  it('does not mutate its input', () => {
    const start = london('2026-01-12T09:00');
    const before = start.getTime();
    addBusiness(start, 600);
    expect(start.getTime()).toBe(before);
  });

  it('rejects negative or non-finite minutes and invalid dates', () => {
    const start = london('2026-01-12T09:00');
    expect(() => addBusiness(start, -1)).toThrow(RangeError);
    expect(() => addBusiness(start, Number.NaN)).toThrow(RangeError);
    expect(() => addBusiness(start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addBusiness(new Date('nope'), 1)).toThrow(RangeError);
    expect(() => workingMinutesBetween(start, new Date('nope'), 'business', cal)).toThrow(RangeError);
  });

  it('gives up on a calendar that never opens', () => {
    const never: BusinessCalendar = {
      ...cal,
      workingDays: [1],
      // Every Monday for 60 weeks is a holiday.
      bankHolidays: Array.from(
        { length: 60 },
        (_, i) => DateTime.fromISO('2026-01-05').plus({ weeks: i }).toISODate() as string,
      ),
    };
    expect(() => addWorkingMinutes(london('2026-01-01T09:00'), 10, 'business', never)).toThrow(
      /no opening hours/,
    );
  });

  it('works in other zones and with other working days', () => {
    const newYork: BusinessCalendar = {
      timezone: 'America/New_York',
      openingTime: '09:00',
      closingTime: '17:00',
      workingDays: [1, 2, 3, 4, 5, 6],
      bankHolidays: ['2026-07-03'],
    };
    // Thursday 2 July 2026 16:00 EDT + 120 min: 60 on Thursday, Friday is a holiday, 60 on Saturday.
    const start = DateTime.fromISO('2026-07-02T16:00', { zone: 'America/New_York' }).toJSDate();
    const due = addWorkingMinutes(start, 120, 'business', newYork);
    expect(due.toISOString()).toBe('2026-07-04T14:00:00.000Z'); // 10:00 EDT
    expect(workingMinutesBetween(start, due, 'business', newYork)).toBe(120);
  });
});

describe('addWorkingMinutes (24x7)', () => {
  it('is plain addition, including over weekends and holidays', () => {
    expect(addWorkingMinutes(london('2026-12-24T23:30'), 60, '24x7', cal)).toEqual(
      london('2026-12-25T00:30'),
    );
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['within a day', '2026-01-12T09:00', '2026-01-12T11:00', 120],
    ['before opening to after closing', '2026-01-12T06:00', '2026-01-12T19:00', 510],
    ['entirely outside hours', '2026-01-12T17:30', '2026-01-13T08:00', 0],
    ['across a weekend', '2026-01-16T16:00', '2026-01-19T09:30', 120],
    ['a whole working week', '2026-01-12T00:00', '2026-01-19T00:00', 2550],
    ['across Christmas 2026', '2026-12-24T16:30', '2026-12-29T09:00', 60],
    ['reversed order is zero', '2026-01-12T11:00', '2026-01-12T09:00', 0],
    ['same instant is zero', '2026-01-12T11:00', '2026-01-12T11:00', 0],
  ])('%s: %s -> %s = %i', (_name, from, to, expected) => {
    expect(businessBetween(london(from), london(to))).toBe(expected);
  });

  it('returns fractional minutes at millisecond precision', () => {
    const from = london('2026-01-12T09:00');
    expect(businessBetween(from, new Date(from.getTime() + 90_500))).toBeCloseTo(90_500 / 60_000, 10);
    expect(workingMinutesBetween(from, new Date(from.getTime() + 1), '24x7', cal)).toBe(1 / 60_000);
  });

  it('is calendar time for 24x7', () => {
    expect(workingMinutesBetween(london('2026-01-16T16:00'), london('2026-01-19T09:30'), '24x7', cal)).toBe(
      (2 * 24 + 17.5) * 60,
    );
  });
});

describe('daylight saving time (Europe/London)', () => {
  it('keeps business hours on local wall-clock time in both halves of the year', () => {
    // Winter: 08:30–17:00 GMT = 08:30–17:00 UTC. Summer: 08:30–17:00 BST = 07:30–16:00 UTC.
    expect(isWithinBusinessHours(new Date('2026-01-12T08:30:00Z'), cal)).toBe(true);
    expect(isWithinBusinessHours(new Date('2026-01-12T16:30:00Z'), cal)).toBe(true);
    expect(isWithinBusinessHours(new Date('2026-07-06T07:30:00Z'), cal)).toBe(true);
    expect(isWithinBusinessHours(new Date('2026-07-06T07:29:00Z'), cal)).toBe(false);
    expect(isWithinBusinessHours(new Date('2026-07-06T16:00:00Z'), cal)).toBe(false);
    expect(addBusiness(new Date('2026-07-06T05:00:00Z'), 0).toISOString()).toBe('2026-07-06T07:30:00.000Z');
    expect(addBusiness(new Date('2026-07-06T15:00:00Z'), 60).toISOString()).toBe('2026-07-06T16:00:00.000Z');
  });

  it('business time across the spring-forward weekend (29 March 2026)', () => {
    const friday = new Date('2026-03-27T16:00:00Z'); // 16:00 GMT
    expect(inLondon(friday)).toBe('2026-03-27T16:00:00.000+00:00');
    const due = addBusiness(friday, 120);
    expect(due.toISOString()).toBe('2026-03-30T08:30:00.000Z');
    expect(inLondon(due)).toBe('2026-03-30T09:30:00.000+01:00');
    expect(businessBetween(friday, due)).toBe(120);
    // Monday opens at 08:30 BST, which is 07:30 UTC.
    expect(addBusiness(friday, 60).toISOString()).toBe('2026-03-27T17:00:00.000Z');
    expect(addBusiness(new Date('2026-03-27T17:00:00Z'), 0).toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });

  it('business time across the fall-back weekend (25 October 2026)', () => {
    const friday = london('2026-10-23T16:00'); // 16:00 BST
    expect(friday.toISOString()).toBe('2026-10-23T15:00:00.000Z');
    const due = addBusiness(friday, 120);
    expect(inLondon(due)).toBe('2026-10-26T09:30:00.000+00:00');
    expect(due.toISOString()).toBe('2026-10-26T09:30:00.000Z');
    expect(businessBetween(friday, due)).toBe(120);
    // The 25-hour Sunday adds no business time.
    expect(businessBetween(london('2026-10-23T17:00'), london('2026-10-26T08:30'))).toBe(0);
  });

  it('a full business week spanning a DST change is still 5 x 510 minutes', () => {
    expect(businessBetween(london('2026-03-23T00:00'), london('2026-04-02T00:00'))).toBe(8 * 510);
    expect(businessBetween(london('2026-10-19T00:00'), london('2026-10-31T00:00'))).toBe(10 * 510);
  });

  it('24x7 P1 across the spring-forward gap is 60 real minutes', () => {
    // 00:30 GMT; at 01:00 GMT clocks jump to 02:00 BST, so 60 real minutes later reads 02:30 BST.
    const created = london('2026-03-29T00:30');
    expect(created.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    const { firstResponseDueAt, resolutionDueAt } = computeDueDates(created, 'P1', DEFAULT_SLA_TARGETS, cal);
    expect(firstResponseDueAt.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(inLondon(firstResponseDueAt)).toBe('2026-03-29T02:30:00.000+01:00');
    expect(resolutionDueAt.toISOString()).toBe('2026-03-29T04:30:00.000Z');
    expect(workingMinutesBetween(created, firstResponseDueAt, '24x7', cal)).toBe(60);

    // Starting at 01:30 UTC (02:30 BST, the first wall time after the gap) lands at 03:30 BST.
    const later = addWorkingMinutes(new Date('2026-03-29T01:30:00Z'), 60, '24x7', cal);
    expect(inLondon(later)).toBe('2026-03-29T03:30:00.000+01:00');
  });

  it('24x7 P1 across the repeated hour on 25 October 2026 is 60 real minutes', () => {
    // 01:30 BST (00:30 UTC), then 01:00–02:00 happens again in GMT: 60 real minutes later reads 01:30 GMT.
    const created = new Date('2026-10-25T00:30:00Z');
    expect(inLondon(created)).toBe('2026-10-25T01:30:00.000+01:00');
    const { firstResponseDueAt } = computeDueDates(created, 'P1', DEFAULT_SLA_TARGETS, cal);
    expect(firstResponseDueAt.toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(inLondon(firstResponseDueAt)).toBe('2026-10-25T01:30:00.000+00:00');
    expect(workingMinutesBetween(created, firstResponseDueAt, '24x7', cal)).toBe(60);
    // The Sunday is 25 real hours long.
    expect(workingMinutesBetween(london('2026-10-25T00:00'), london('2026-10-26T00:00'), '24x7', cal)).toBe(
      25 * 60,
    );
  });
});

describe('workingMinutesBetween is the inverse of addWorkingMinutes', () => {
  const random = seededRandom(20_260_101);
  const year2026 = DateTime.fromISO('2026-01-01', { zone: LONDON });

  /** A pseudo-random instant in 2026, at millisecond resolution. */
  function anyInstant(): Date {
    return new Date(year2026.toMillis() + Math.floor(random() * 365 * 24 * 3_600_000));
  }

  /** A pseudo-random instant inside 2026 business hours (opening inclusive, closing exclusive). */
  function businessInstant(): Date {
    for (;;) {
      const day = year2026.plus({ days: Math.floor(random() * 365) });
      const candidate = day
        .set({ hour: 8, minute: 30 })
        .plus({ milliseconds: Math.floor(random() * 510 * 60_000) });
      if (isWithinBusinessHours(candidate.toJSDate(), cal)) return candidate.toJSDate();
    }
  }

  function duration(): number {
    // Mostly whole minutes up to 5100, sometimes fractional ones.
    return random() < 0.8 ? Math.floor(random() * 5101) : Math.round(random() * 5100 * 60_000) / 60_000;
  }

  it('for 300 starts inside business hours', () => {
    for (let i = 0; i < 300; i++) {
      const start = businessInstant();
      const minutes = duration();
      const end = addBusiness(start, minutes);
      expect(Math.abs(businessBetween(start, end) - minutes)).toBeLessThan(1e-6);
      expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
    }
  });

  it('for 200 starts at any time, including nights, weekends and holidays', () => {
    for (let i = 0; i < 200; i++) {
      const start = anyInstant();
      const minutes = duration();
      expect(Math.abs(businessBetween(start, addBusiness(start, minutes)) - minutes)).toBeLessThan(1e-6);
    }
  });

  it('and the other way round: adding the elapsed business time lands on the same instant', () => {
    for (let i = 0; i < 200; i++) {
      const start = businessInstant();
      const end = new Date(businessInstant().getTime() + 1); // strictly after opening, at most closing
      if (end <= start) continue;
      expect(addBusiness(start, businessBetween(start, end))).toEqual(end);
    }
  });

  it('for 24x7, for 100 arbitrary starts', () => {
    for (let i = 0; i < 100; i++) {
      const start = anyInstant();
      const minutes = duration();
      const end = addWorkingMinutes(start, minutes, '24x7', cal);
      expect(Math.abs(workingMinutesBetween(start, end, '24x7', cal) - minutes)).toBeLessThan(1e-6);
    }
  });
});

describe('resumeDueAt', () => {
  it('adds the business time left at the pause from the resume, over a weekend', () => {
    // Due Friday 16:30; paused Friday 15:00 with 90 minutes left; resumed Monday 11:00 -> Monday 12:30.
    const due = london('2026-01-16T16:30');
    const resumed = resumeDueAt(due, london('2026-01-16T15:00'), london('2026-01-19T11:00'), 'business', cal);
    expect(resumed).toEqual(london('2026-01-19T12:30'));
  });

  it('only moves the due date by the business time actually paused', () => {
    // Paused Friday 16:00 (due Monday 09:00: 90 business minutes left), resumed Monday 08:00 (before opening).
    // Only the hour of Friday afternoon was paused, so the due date moves by one business hour.
    const resumed = resumeDueAt(
      london('2026-01-19T09:00'),
      london('2026-01-16T16:00'),
      london('2026-01-19T08:00'),
      'business',
      cal,
    );
    expect(resumed).toEqual(london('2026-01-19T10:00'));
  });

  it('does not move the due date when the pause and resume are both outside business hours', () => {
    const due = london('2026-01-19T10:00');
    expect(resumeDueAt(due, london('2026-01-17T10:00'), london('2026-01-18T20:00'), 'business', cal)).toEqual(
      due,
    );
  });

  it('a pause that begins after the breach does not move the due date', () => {
    const due = london('2026-01-16T12:00');
    const resumed = resumeDueAt(due, london('2026-01-16T14:00'), london('2026-01-20T09:00'), 'business', cal);
    expect(resumed).toEqual(due);
    expect(resumed).not.toBe(due);
  });

  it('a pause exactly at the due instant resumes with nothing left', () => {
    const due = london('2026-01-16T12:00');
    expect(resumeDueAt(due, due, london('2026-01-19T11:00'), 'business', cal)).toEqual(
      london('2026-01-19T11:00'),
    );
  });

  it('24x7: adds the real time left at the pause', () => {
    const due = new Date('2026-03-29T02:00:00Z');
    const resumed = resumeDueAt(
      due,
      new Date('2026-03-29T00:30:00Z'),
      new Date('2026-03-29T05:00:00Z'),
      '24x7',
      cal,
    );
    expect(resumed.toISOString()).toBe('2026-03-29T06:30:00.000Z');
  });

  it('rejects a resume before the pause', () => {
    expect(() =>
      resumeDueAt(
        london('2026-01-19T10:00'),
        london('2026-01-16T10:00'),
        london('2026-01-15T10:00'),
        'business',
        cal,
      ),
    ).toThrow(RangeError);
  });
});

/**
 * The arithmetic works on epoch milliseconds with cached offsets; this is the same rule written
 * plainly with luxon wall-clock dates, to check it in zones with unusual daylight saving.
 */
describe('agrees with wall-clock arithmetic in luxon', () => {
  const referenceAdd = (start: Date, minutes: number, c: BusinessCalendar): Date => {
    let remaining = Math.round(minutes * 60_000);
    let day = DateTime.fromJSDate(start, { zone: c.timezone }).startOf('day');
    for (;;) {
      const iso = day.toISODate() as string;
      if (c.workingDays.includes(day.weekday) && !c.bankHolidays.includes(iso)) {
        const at = (hm: string) => DateTime.fromISO(`${iso}T${hm}`, { zone: c.timezone }).toMillis();
        const from = Math.max(at(c.openingTime), start.getTime());
        if (from < at(c.closingTime)) {
          if (remaining <= at(c.closingTime) - from) return new Date(from + remaining);
          remaining -= at(c.closingTime) - from;
        }
      }
      day = day.plus({ days: 1 });
    }
  };
  const zones: [string, string, string][] = [
    ['Europe/London', '08:30', '17:00'],
    ['America/New_York', '09:00', '17:30'],
    ['Australia/Sydney', '08:00', '18:00'],
    ['Australia/Lord_Howe', '00:15', '23:45'], // a 30-minute daylight-saving shift
    ['America/Santiago', '00:00', '12:00'], // changes clocks at midnight
    ['Asia/Kolkata', '09:30', '18:00'],
    ['Pacific/Chatham', '07:00', '16:15'],
  ];
  it.each(zones)('%s, %s–%s: 300 random starts and targets', (timezone, openingTime, closingTime) => {
    const c: BusinessCalendar = {
      timezone,
      openingTime,
      closingTime,
      workingDays: [1, 2, 3, 4, 6],
      bankHolidays: ['2026-04-03', '2026-10-05', '2026-12-25'],
    };
    const random = seededRandom(timezone.length * 7919);
    for (let i = 0; i < 300; i++) {
      const start = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 365 * 86_400_000));
      const minutes = Math.floor(random() * 5000);
      const due = addWorkingMinutes(start, minutes, 'business', c);
      expect(due.toISOString()).toBe(referenceAdd(start, minutes, c).toISOString());
      expect(workingMinutesBetween(start, due, 'business', c)).toBeCloseTo(minutes, 6);
    }
  });
});
