import { DEFAULT_CALENDAR } from './calendar';
import { type SlaStateInput, slaState } from './sla-state';
import { london } from './test-helpers';

const cal = DEFAULT_CALENDAR;
// A P2 first response: 240 business minutes, created Monday 12 January 2026 at 09:00, due at 13:00.
const dueAt = london('2026-01-12T13:00');
const base: SlaStateInput = {
  dueAt,
  targetMinutes: 240,
  now: london('2026-01-12T09:00'),
  clock: 'business',
  cal,
};
const plusMs = (date: Date, ms: number) => new Date(date.getTime() + ms);

describe('slaState', () => {
  it.each<[string, Partial<SlaStateInput>, ReturnType<typeof slaState>]>([
    ['no due date', { dueAt: null }, 'none'],
    ['no due date even when completed', { dueAt: null, completedAt: london('2026-01-12T10:00') }, 'none'],
    ['just started', {}, 'ok'],
    ['with more than 25% left', { now: london('2026-01-12T11:59') }, 'ok'],
    ['with exactly 25% left', { now: london('2026-01-12T12:00') }, 'at_risk'],
    ['with less than 25% left', { now: london('2026-01-12T12:30') }, 'at_risk'],
    ['at exactly the due instant (not breached yet)', { now: dueAt }, 'at_risk'],
    ['one millisecond after the due instant', { now: plusMs(dueAt, 1) }, 'breached'],
    ['days after the due instant', { now: london('2026-01-15T09:00') }, 'breached'],
    ['completed early', { completedAt: london('2026-01-12T10:00'), now: london('2026-01-20T10:00') }, 'met'],
    ['completed exactly at the due instant', { completedAt: dueAt, now: london('2026-01-20T10:00') }, 'met'],
    ['completed late', { completedAt: plusMs(dueAt, 1), now: london('2026-01-20T10:00') }, 'breached'],
    [
      'paused before the due date',
      { pausedAt: london('2026-01-12T10:00'), now: london('2026-01-12T12:45') },
      'paused',
    ],
    [
      'paused before the due date, even once now has passed the stale due date',
      { pausedAt: london('2026-01-12T10:00'), now: london('2026-01-14T10:00') },
      'paused',
    ],
    ['paused exactly at the due instant', { pausedAt: dueAt, now: london('2026-01-14T10:00') }, 'paused'],
    [
      'paused after the due date',
      { pausedAt: london('2026-01-12T14:00'), now: london('2026-01-12T15:00') },
      'breached',
    ],
    [
      'completed wins over paused',
      { pausedAt: london('2026-01-12T10:00'), completedAt: london('2026-01-12T11:00') },
      'met',
    ],
  ])('%s', (_name, change, expected) => {
    expect(slaState({ ...base, ...change })).toBe(expected);
  });

  it('measures the remaining time in business minutes', () => {
    // Due Monday 09:00; at Friday 16:30 there are 30 + 30 = 60 business minutes left (25% of 240), although
    // it is 64.5 hours away in calendar time.
    const input: SlaStateInput = {
      ...base,
      dueAt: london('2026-01-19T09:00'),
      now: london('2026-01-16T16:30'),
    };
    expect(slaState(input)).toBe('at_risk');
    expect(slaState({ ...input, now: london('2026-01-16T16:29') })).toBe('ok');
    // Over the weekend nothing changes: still 60 business minutes left.
    expect(slaState({ ...input, now: london('2026-01-18T12:00') })).toBe('at_risk');
    // Earlier on Friday there is more than an hour left.
    expect(slaState({ ...input, now: london('2026-01-16T14:00') })).toBe('ok');
  });

  it('measures the remaining time in calendar minutes for 24x7', () => {
    const p1: SlaStateInput = {
      dueAt: london('2026-01-17T04:00'), // Saturday
      targetMinutes: 240,
      clock: '24x7',
      cal,
      now: london('2026-01-17T03:00'), // 60 minutes (25%) left
    };
    expect(slaState(p1)).toBe('at_risk');
    expect(slaState({ ...p1, now: london('2026-01-17T02:59') })).toBe('ok');
  });
});
