/**
 * The placeholders a macro's text may hold, as `{{requester.firstName}}`. The API expands them for
 * one engineer and one ticket, from the values that engineer's ticket page shows: a masked name
 * stays masked, a hidden one becomes the neutral label.
 */
export const MACRO_PLACEHOLDERS = [
  'requester.name',
  'requester.firstName',
  'organisation.name',
  'ticket.reference',
  'ticket.subject',
  'ticket.status',
  'ticket.priority',
  'ticket.contactPhone',
  'assignee.name',
  'engineer.name',
  'engineer.firstName',
] as const;
export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

export const MACRO_PLACEHOLDER_LABELS: Record<MacroPlaceholder, string> = {
  'requester.name': "Requester's name",
  'requester.firstName': "Requester's first name",
  'organisation.name': "Requester's organisation",
  'ticket.reference': 'Ticket reference (HD-000123)',
  'ticket.subject': 'Ticket subject',
  'ticket.status': 'Ticket status',
  'ticket.priority': 'Ticket priority',
  'ticket.contactPhone': 'Contact phone (as your field policy shows it)',
  'assignee.name': "Assigned engineer's name",
  'engineer.name': 'Your name',
  'engineer.firstName': 'Your first name',
};

/** `{{ name }}`, spaces inside the braces allowed. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

export const isMacroPlaceholder = (name: string): name is MacroPlaceholder =>
  (MACRO_PLACEHOLDERS as readonly string[]).includes(name);

/** The placeholders in a text that are not known, to refuse a macro that names one. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    if (!isMacroPlaceholder(match[1])) unknown.add(match[1]);
  }
  return [...unknown];
}
