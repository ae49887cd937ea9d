import { markdownToText, renderMarkdown } from '@hushdesk/rich-text';
import { AUTO_CLOSE_AFTER_DAYS } from '@hushdesk/ticketing';
import type { OutboxKind } from './mail-outbox.repository';

/** What a notification says, settled by the send job (names already as the recipient may see them). */
export interface MailContent {
  kind: OutboxKind;
  /** `HD-000123`. */
  reference: string;
  ticketSubject: string;
  /** The recipient's own name (they always see it), or null. */
  recipientName: string | null;
  /** The engineer who replied, as the recipient may see the name (a neutral label when hidden). */
  authorName: string;
  /** A public reply's text. */
  replyText: string | null;
  /** For staff: the requester, as the recipient may see the name (a neutral label when hidden). */
  requesterName: string;
  ticketType: string;
  priority: string;
  /** Who sends it: MAIL_FROM's display name. */
  senderName: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Header text on one line: no control characters (a subject cannot add a header). */
const oneLine = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The subject. The requester's mails keep one subject, so mail clients that thread by subject
 * (Gmail) keep them together; each carries `[HD-000123]` for the intake to find the ticket by.
 */
function subjectOf(c: MailContent): string {
  const tag = `[${c.reference}]`;
  const subject = oneLine(c.ticketSubject) || 'Your request';
  switch (c.kind) {
    case 'ticket_received':
      return `${tag} ${subject}`;
    case 'public_reply':
    case 'ticket_resolved':
      return `Re: ${tag} ${subject}`;
    case 'new_ticket':
      return `${tag} New ticket: ${subject}`;
    case 'ticket_assigned':
      return `${tag} Assigned to you: ${subject}`;
  }
}

function paragraphsOf(c: MailContent): string[] {
  const hello = c.recipientName ? `Hello ${c.recipientName},` : 'Hello,';
  const keepTag = `Reply to this email to add to it; please keep [${c.reference}] in the subject.`;
  switch (c.kind) {
    case 'ticket_received':
      return [
        hello,
        `We have received your request "${c.ticketSubject}" and logged it as ${c.reference}.`,
        keepTag,
        c.senderName,
      ];
    case 'public_reply':
      // The reply itself is Markdown: `renderMail` turns it into HTML or plain text by part.
      return [(c.replyText ?? '').trim(), `${c.authorName}\n${c.senderName}`, keepTag];
    case 'ticket_resolved':
      return [
        hello,
        `We have marked your request ${c.reference} ("${c.ticketSubject}") as solved.`,
        `If it is not fixed, reply to this email within ${AUTO_CLOSE_AFTER_DAYS} days and we will reopen it. After that, a reply starts a new request.`,
        c.senderName,
      ];
    case 'new_ticket':
      return [
        `A new ${c.ticketType} ticket was logged: ${c.reference} "${c.ticketSubject}".`,
        `Requester: ${c.requesterName}\nPriority: ${c.priority}`,
      ];
    case 'ticket_assigned':
      return [
        `${c.reference} "${c.ticketSubject}" was assigned to you.`,
        `Requester: ${c.requesterName}\nPriority: ${c.priority}`,
      ];
  }
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  );
}

/**
 * HTML made only of escaped text: paragraphs and line breaks, nothing taken from the input as markup.
 * The one exception is a reply written in Markdown (`markdown`), rendered by the shared renderer,
 * which escapes any HTML in it and drops unsafe links and images.
 */
export function htmlOf(paragraphs: string[], markdown?: string): string {
  const escaped = paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>\n')}</p>`);
  const body = (markdown ? [`<div>${renderMarkdown(markdown)}</div>`, ...escaped] : escaped).join('\n');
  return `<!doctype html>\n<html><head><meta charset="utf-8"></head>\n<body style="font-family: sans-serif; line-height: 1.4">\n${body}\n</body></html>\n`;
}

/** Subject, plain text and HTML of one notification. */
export function renderMail(c: MailContent): RenderedMail {
  const paragraphs = paragraphsOf(c).filter((p) => p.length > 0);
  if (c.kind === 'public_reply' && paragraphs.length > 2) {
    const [reply, ...rest] = paragraphs;
    const text = [markdownToText(reply), ...rest].filter((p) => p.length > 0);
    return { subject: subjectOf(c), text: `${text.join('\n\n')}\n`, html: htmlOf(rest, reply) };
  }
  return { subject: subjectOf(c), text: `${paragraphs.join('\n\n')}\n`, html: htmlOf(paragraphs) };
}

/** Notifications are automatic mail (RFC 3834); an engineer's reply is written by a person. */
export const isAutomatic = (kind: OutboxKind) => kind !== 'public_reply';
