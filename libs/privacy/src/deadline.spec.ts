import { addCalendarMonths, deadlineState, dsarDueAt, extensionDeadline } from './deadline';

/** An instant, from an ISO string with its offset. */
const at = (iso: string) => new Date(iso);
/** The calendar day of an instant in London. */
const day = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);

describe('DSAR deadline arithmetic', () => {
  it.each([
    ['2026-01-15T10:00:00Z', '2026-02-15'],
    ['2027-01-31T10:00:00Z', '2027-02-28'], // no 31 February: the month's last day
    ['2028-01-31T10:00:00Z', '2028-02-29'], // leap year
    ['2026-03-31T10:00:00Z', '2026-04-30'],
    ['2026-12-31T23:30:00Z', '2027-01-31'], // still 31 December in London (GMT)
    ['2026-08-31T23:30:00Z', '2026-10-01'], // already 1 September in London (BST): due 1 October
  ])('received %s is due at the end of %s', (received, due) => {
    const dueAt = dsarDueAt({ receivedAt: at(received) });
    expect(day(dueAt)).toBe(due);
    // End of that London day.
    expect(day(new Date(dueAt.getTime() + 1))).not.toBe(due);
  });

  it('adds whole calendar days of pause, and an open pause counts up to now', () => {
    const receivedAt = at('2026-01-31T09:00:00Z');
    const closed = dsarDueAt({
      receivedAt,
      pauses: [{ from: at('2026-02-02T10:00:00Z'), to: at('2026-02-12T09:00:00Z') }],
    });
    expect(day(closed)).toBe('2026-03-10'); // 28 Feb + 10 days
    const open = dsarDueAt(
      { receivedAt, pauses: [{ from: at('2026-02-02T10:00:00Z') }] },
      at('2026-02-05T12:00:00Z'),
    );
    expect(day(open)).toBe('2026-03-03'); // 28 Feb + 3 days so far
    const sameDay = dsarDueAt({
      receivedAt,
      pauses: [{ from: at('2026-02-02T10:00:00Z'), to: at('2026-02-02T16:00:00Z') }],
    });
    expect(day(sameDay)).toBe('2026-02-28');
  });

  it('extends by one or two further months, clamped the same way', () => {
    const receivedAt = at('2026-10-31T09:00:00Z');
    expect(day(dsarDueAt({ receivedAt }))).toBe('2026-11-30');
    expect(day(dsarDueAt({ receivedAt, extensionMonths: 1 }))).toBe('2026-12-31');
    expect(day(dsarDueAt({ receivedAt, extensionMonths: 2 }))).toBe('2027-01-31');
    expect(day(extensionDeadline({ receivedAt }))).toBe('2026-11-30');
  });

  it('says when a request is due soon, overdue or paused', () => {
    const receivedAt = at('2026-03-01T09:00:00Z');
    expect(deadlineState({ receivedAt }, at('2026-03-10T09:00:00Z'))).toBe('on_time');
    expect(deadlineState({ receivedAt }, at('2026-03-28T09:00:00Z'))).toBe('due_soon');
    expect(deadlineState({ receivedAt }, at('2026-04-01T23:30:00Z'))).toBe('overdue');
    expect(
      deadlineState(
        { receivedAt, pauses: [{ from: at('2026-03-20T09:00:00Z') }] },
        at('2026-04-05T09:00:00Z'),
      ),
    ).toBe('paused');
  });

  it('adds calendar months without running past the end of a month', () => {
    expect(day(addCalendarMonths(at('2026-05-31T12:00:00Z'), 1))).toBe('2026-06-30');
    expect(day(addCalendarMonths(at('2026-05-31T12:00:00Z'), 3))).toBe('2026-08-31');
  });
});
