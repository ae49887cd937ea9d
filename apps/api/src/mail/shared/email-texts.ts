/** What only the mail holds, beside the reply text its ticket or message already indexes. */
export interface EmailTextColumns {
  from_name: string | null;
  from_address?: string | null;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string | null;
  quoted_text: string | null;
  signature: string | null;
  rejected_attachments: { name: string; reason: string }[];
}

/**
 * The texts a mail is indexed by (source type `email`): names, addresses, subject, quoted history,
 * signature, the names of attachments kept out. One list for the intake, the rebuild and erasure,
 * so a DSAR finds in a mail exactly what an erasure scrubs from it.
 */
export function emailTexts(row: EmailTextColumns): string[] {
  return [
    row.from_name,
    row.from_address ?? null,
    row.to_addresses.join(', '),
    row.cc_addresses.join(', '),
    row.subject,
    row.quoted_text,
    row.signature,
    ...row.rejected_attachments.map((a) => a.name),
  ].filter((t): t is string => !!t);
}
