import type { PersonRef, TicketGroup, TicketView } from '@hushdesk/api-client';
import { PRIORITY_LABELS, STATUS_LABELS } from '@hushdesk/ticketing';
import { engineerLabel } from '../../../lib/format';

export type ViewFilters = TicketView['filters'];

export const SLA_LABELS: Record<NonNullable<ViewFilters['sla']>, string> = {
  at_risk: 'At risk',
  breached: 'Breached',
};

/**
 * A shared view's filters in words ("Open · P1 · assigned to whoever looks"). `me` in a shared
 * view means each viewer's own tickets, so it is said that way.
 */
export function describeFilters(
  filters: ViewFilters,
  engineers: readonly PersonRef[] | undefined,
  groups: readonly TicketGroup[] | undefined,
): string {
  const parts: string[] = [];
  if (filters.status) parts.push(STATUS_LABELS[filters.status]);
  if (filters.priority) parts.push(PRIORITY_LABELS[filters.priority]);
  const assignee = filters.assigneeId;
  if (assignee === 'me') parts.push('assigned to whoever looks');
  else if (assignee === 'unassigned') parts.push('unassigned');
  else if (assignee) {
    const engineer = engineers?.find((e) => e.id === assignee);
    parts.push(`assigned to ${engineer ? engineerLabel(engineer) : 'a former engineer'}`);
  }
  if (filters.groupId) {
    const group = groups?.find((g) => g.id === filters.groupId);
    parts.push(`group ${group ? group.name : '(deleted)'}`);
  }
  if (filters.sla) parts.push(`SLA ${SLA_LABELS[filters.sla].toLowerCase()}`);
  return parts.length ? parts.join(' · ') : 'Every ticket';
}
