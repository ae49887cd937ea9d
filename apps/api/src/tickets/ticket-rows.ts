import type { TicketDetailDto, TicketSummaryDto } from './dto/ticket.dto';
import type { TicketChannel } from '@hushdesk/contracts';
import type { Priority, TicketStatus, TicketType } from '@hushdesk/ticketing';
import type { SlaClockService, SlaFields } from '../sla/sla-clock.service';

/** The columns every ticket read selects: explicit, and only what the DTOs show. */
export const SUMMARY_COLUMNS = `
  t.id, t.reference, t.type, t.subject, t.status, t.priority, t.category, t.tags,
  t.requester_id, ru.person_id AS requester_person_id, rp.full_name AS requester_name,
  t.organisation_id, o.name AS organisation_name, o.shared_ticket_visibility,
  t.assignee_id, ap.full_name AS assignee_name,
  t.group_id, g.name AS group_name,
  t.created_at, t.updated_at,
  t.first_response_due_at, t.first_response_at_risk_at, t.resolution_due_at, t.resolution_at_risk_at,
  t.next_due_at, t.next_at_risk_at, t.sla_paused_at, t.first_responded_at, t.resolved_at, t.closed_at`;

export const DETAIL_COLUMNS = `${SUMMARY_COLUMNS},
  t.description, t.equipment_asset_tag, t.equipment_model, t.equipment_serial_number, t.equipment_location,
  t.contact_phone, t.channel, (rp.processing_restricted_at IS NOT NULL) AS processing_restricted,
  t.merged_into_id, t.merged_at`;

/** The joins that name a ticket's people, organisation and group, for any row source aliased `t`. */
export const TICKET_JOINS = `
  JOIN organisations o ON o.id = t.organisation_id
  JOIN users ru ON ru.id = t.requester_id
  JOIN people rp ON rp.id = ru.person_id
  LEFT JOIN users au ON au.id = t.assignee_id
  LEFT JOIN people ap ON ap.id = au.person_id
  LEFT JOIN ticket_groups g ON g.id = t.group_id`;

export const TICKET_FROM = `tickets t ${TICKET_JOINS}`;

export interface TicketRow {
  id: string;
  reference: string;
  type: TicketType;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  category: string | null;
  tags: string[];
  requester_id: string;
  requester_person_id: string;
  requester_name: string | null;
  organisation_id: string;
  organisation_name: string;
  shared_ticket_visibility: boolean;
  assignee_id: string | null;
  assignee_name: string | null;
  group_id: string | null;
  group_name: string | null;
  created_at: Date;
  updated_at: Date;
  first_response_due_at: Date | null;
  first_response_at_risk_at: Date | null;
  resolution_due_at: Date | null;
  resolution_at_risk_at: Date | null;
  next_due_at: Date | null;
  next_at_risk_at: Date | null;
  sla_paused_at: Date | null;
  first_responded_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
}

export interface TicketDetailRow extends TicketRow {
  processing_restricted: boolean;
  description: string;
  equipment_asset_tag: string | null;
  equipment_model: string | null;
  equipment_serial_number: string | null;
  equipment_location: string | null;
  contact_phone: string | null;
  channel: TicketChannel;
  merged_into_id: string | null;
  merged_at: Date | null;
}

export const formatReference = (n: string | number) => `HD-${String(n).padStart(6, '0')}`;

/** At most 12 digits: anything longer names no ticket (and would overflow the bigint column). */
const REFERENCE = /^\s*HD-?0*(\d{1,12})\s*$/i;

/** The number of a written reference (`HD-000123`, `hd123`), or null when the text is not one. */
export function parseReference(text: string): number | null {
  const match = REFERENCE.exec(text);
  return match ? Number(match[1]) : null;
}

export function slaFieldsOf(r: TicketRow): SlaFields {
  return {
    priority: r.priority,
    status: r.status,
    createdAt: r.created_at,
    firstResponseDueAt: r.first_response_due_at,
    firstResponseAtRiskAt: r.first_response_at_risk_at,
    resolutionDueAt: r.resolution_due_at,
    resolutionAtRiskAt: r.resolution_at_risk_at,
    nextDueAt: r.next_due_at,
    nextAtRiskAt: r.next_at_risk_at,
    slaPausedAt: r.sla_paused_at,
    firstRespondedAt: r.first_responded_at,
    resolvedAt: r.resolved_at ?? r.closed_at,
  };
}

export function toSummary(r: TicketRow, sla: SlaClockService, now: Date): TicketSummaryDto {
  return {
    id: r.id,
    reference: formatReference(r.reference),
    type: r.type,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    category: r.category,
    requester: { id: r.requester_id, name: r.requester_name },
    organisation: { id: r.organisation_id, name: r.organisation_name },
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name } : null,
    group: r.group_id ? { id: r.group_id, name: r.group_name as string } : null,
    tags: r.tags,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    nextDueAt: r.next_due_at?.toISOString() ?? null,
    sla: sla.view(slaFieldsOf(r), now),
  };
}

export function toDetail(
  r: TicketDetailRow,
  sla: SlaClockService,
  now: Date,
  allowedTransitions: TicketStatus[],
): TicketDetailDto {
  const hasEquipment =
    r.equipment_asset_tag || r.equipment_model || r.equipment_serial_number || r.equipment_location;
  return {
    ...toSummary(r, sla, now),
    description: r.description,
    equipment: hasEquipment
      ? {
          assetTag: r.equipment_asset_tag,
          model: r.equipment_model,
          serialNumber: r.equipment_serial_number,
          location: r.equipment_location,
        }
      : null,
    contactPhone: r.contact_phone,
    channel: r.channel,
    requesterPersonId: r.requester_person_id,
    firstRespondedAt: r.first_responded_at?.toISOString() ?? null,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    allowedTransitions,
    processingRestricted: r.processing_restricted,
    // The reference is filled in by the service, for callers who may see the target.
    mergedInto: null,
  };
}
