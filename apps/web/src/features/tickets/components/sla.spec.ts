import { describe, expect, it } from '@jest/globals';
import type { TicketSummary } from '@hushdesk/api-client';
import { ticketDeadlineTarget } from './sla';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const at = (hours: number) => new Date(NOW + hours * 3_600_000).toISOString();

function ticket(sla: TicketSummary['sla'], nextDueAt: string | null): TicketSummary {
  return { sla, nextDueAt } as TicketSummary;
}

describe('the target a queue countdown is for', () => {
  it('is the first response while it runs', () => {
    const t = ticket(
      { firstResponse: { dueAt: at(2), state: 'ok' }, resolution: { dueAt: at(20), state: 'ok' } },
      at(2),
    );
    expect(ticketDeadlineTarget(t, NOW)).toBe('firstResponse');
  });

  it('is the resolution once the first response was met', () => {
    const t = ticket(
      { firstResponse: { dueAt: at(-1), state: 'met' }, resolution: { dueAt: at(20), state: 'at_risk' } },
      at(20),
    );
    expect(ticketDeadlineTarget(t, NOW)).toBe('resolution');
  });

  it('is the breached one, even when the next running deadline is the other', () => {
    const t = ticket(
      { firstResponse: { dueAt: at(-1), state: 'ok' }, resolution: { dueAt: at(20), state: 'ok' } },
      at(20),
    );
    expect(ticketDeadlineTarget(t, NOW)).toBe('firstResponse');
  });

  it('is none while both clocks are paused', () => {
    const t = ticket(
      { firstResponse: { dueAt: null, state: 'met' }, resolution: { dueAt: at(5), state: 'paused' } },
      null,
    );
    expect(ticketDeadlineTarget(t, NOW)).toBeNull();
  });
});
