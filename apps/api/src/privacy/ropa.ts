import type { ControllerIdentityDto } from '../settings/dto/controller-settings.dto';
import {
  retentionDescription,
  type FieldPolicy,
  type LawfulBasis,
  type PersonalField,
} from '@hushdesk/privacy';
import { CONTROLLER_NOT_SET } from '../settings/controller-identity.service';
import type { EmailRecord } from './email-records';
import type { Policies } from './field-policies.service';

/** The retention periods in force, by category (`retention_policies`), in days. */
export type RetentionPeriods = Record<string, number | undefined>;

/** What each category defaults to when no period is set. */
const DEFAULT_DAYS: Record<string, number> = {
  recordings: 60,
  raw_emails: 30,
  closed_tickets: 2190,
  dsar_packages: 30,
  audit: 2190,
  reply_drafts: 30,
  sla_warnings: 90,
};

/** "30 days", "1 day", "6 years" (a whole number of years reads as years). */
export function periodText(days: number): string {
  if (days >= 365 && days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  return days === 1 ? '1 day' : `${days} days`;
}

const periodOf = (periods: RetentionPeriods, category: string) =>
  periodText(periods[category] ?? DEFAULT_DAYS[category]);

export interface ProcessingRecord {
  field: EmailRecord;
  label: string;
  category: string;
  collection: 'required';
  purposes: string[];
  lawfulBasis: LawfulBasis;
  retention: string;
}

/**
 * What the email channel keeps about people, each with why, on what basis and for how long, the
 * periods read from the retention policies in force: the record of processing and the privacy
 * notice list these beside the registry's fields.
 */
export function emailRecords(periods: RetentionPeriods): ProcessingRecord[] {
  const raw = periodOf(periods, 'raw_emails');
  const closed = periodOf(periods, 'closed_tickets');
  const record = (r: Omit<ProcessingRecord, 'category' | 'collection'>): ProcessingRecord => ({
    ...r,
    category: 'Email',
    collection: 'required',
  });
  return [
    record({
      field: 'email.message',
      label:
        'Emails you send to support: the From, To, Cc, Date, Subject, Message-ID, In-Reply-To and References headers (no others), the text, the quoted history and signature kept apart, and attachments that pass the upload checks',
      purposes: ['answer your requests and keep you updated about faults and service requests'],
      lawfulBasis: 'contract',
      retention: `With the ticket the mail belongs to; closed tickets are anonymised ${closed} after closure, when the mail's headers and text are erased`,
    }),
    record({
      field: 'email.rawCopy',
      label: 'A raw copy of each email as it arrived (.eml)',
      purposes: ['look into an email that was imported wrongly'],
      lawfulBasis: 'legitimate_interests',
      retention: `${raw} after the email arrived, then deleted`,
    }),
    record({
      field: 'email.sentMail',
      label:
        'Emails we send you (ticket received, replies, ticket resolved): the address, subject and text as they went',
      purposes: ['keep you updated about your tickets'],
      lawfulBasis: 'contract',
      retention: `The address, subject and text ${raw} after the mail was sent, then removed; that a mail of its kind went, and when, stays with the ticket`,
    }),
    record({
      field: 'email.doNotContact',
      label: 'The "Do Not Contact" list: your email address and phone number, as keyed hashes only',
      purposes: ['send you no automatic mail when you objected or your data was erased'],
      lawfulBasis: 'legal_obligation',
      retention: 'As long as we could contact you; a keyed hash cannot be read back',
    }),
    record({
      field: 'email.undeliverable',
      label: 'Addresses our mail bounced from permanently: a keyed hash of the address and the bounce code',
      purposes: ['stop sending mail to an address that cannot receive it'],
      lawfulBasis: 'legitimate_interests',
      retention: 'Until the address is erased with your data; a keyed hash cannot be read back',
    }),
  ];
}

/** The processing Hushdesk does, which registry fields each activity uses, and its periods. */
const ACTIVITIES: {
  name: string;
  subjects: string;
  fields: PersonalField[];
  records?: (periods: RetentionPeriods) => ProcessingRecord[];
  recipients: string;
  retention: (periods: RetentionPeriods) => string[];
}[] = [
  {
    name: 'Customer support: faults and service requests',
    subjects: "Customers' staff who raise or are named in tickets",
    fields: [
      'person.fullName',
      'person.email',
      'person.phone',
      'person.employer',
      'person.workAddress',
      'ticket.contactPhone',
      'attachment.fileName',
    ],
    recipients:
      'Support engineers of the service provider; equipment vendors receive share-safe copies only, with personal data removed',
    retention: (p) => [
      `Closed tickets are anonymised ${periodOf(p, 'closed_tickets')} after closure`,
      `Engineers' unsent reply drafts, with the files kept in them, are deleted ${periodOf(p, 'reply_drafts')} after they were last saved`,
      `SLA warnings sent to staff, with who read them and when, are deleted ${periodOf(p, 'sla_warnings')} after they were sent`,
    ],
  },
  {
    name: 'Email support: mail in and out',
    subjects:
      'People who email support, people named in the To and Cc of their mail, and the people we notify by email',
    fields: ['person.email', 'person.fullName', 'attachment.fileName'],
    records: emailRecords,
    recipients:
      "Support engineers; the organisation's own mail server, which relays the mail we send; nobody else",
    retention: (p) => [
      `Raw copies of incoming email (.eml) are deleted ${periodOf(p, 'raw_emails')} after the mail arrived`,
      `The address, subject and text of mail we send are removed ${periodOf(p, 'raw_emails')} after it was sent`,
      `Imported email headers and text stay with their ticket and are erased when closed tickets are anonymised (${periodOf(p, 'closed_tickets')} after closure)`,
      'Do Not Contact entries and undeliverable addresses are kept as keyed hashes only',
    ],
  },
  {
    name: 'Call recording',
    subjects: 'Callers to and from the support line',
    fields: ['recording.callerNumber'],
    recipients: 'Support engineers; the DPO for legal holds',
    retention: (p) => [
      `Recordings are deleted ${periodOf(p, 'recordings')} after the call unless under legal hold`,
    ],
  },
  {
    name: 'Accounts and access',
    subjects: 'Customers and staff with a login',
    fields: ['person.fullName', 'person.email'],
    recipients: 'Administrators',
    retention: () => ['Sign-in sessions end after 12 hours; failed sign-in records after 15 minutes'],
  },
  {
    name: 'Data-subject requests and accountability',
    subjects: 'People exercising their data-protection rights; staff who handle personal data',
    fields: ['person.fullName', 'person.email', 'person.phone'],
    recipients: 'The Data Protection Officer; the regulator on request',
    retention: (p) => [
      `Audit entries are kept ${periodOf(p, 'audit')}; export packages ${periodOf(p, 'dsar_packages')}`,
    ],
  },
];

const SECURITY = [
  'Access by role, enforced on every query; customers see only their own tickets',
  'Contact data masked for engineers by default; every reveal audited with a reason',
  'Append-only, hash-chained audit trail of reads, reveals, exports, changes and erasures',
  'Identifiers in free text indexed only as keyed hashes (HMAC-SHA256)',
  'Email: headers beyond From, To, Cc, Date, Subject, Message-ID, In-Reply-To and References are never stored; an imported mail is remembered by a keyed hash of its Message-ID only',
  'Passwords hashed with argon2id; sessions revocable; personal data masked in logs',
];

export interface RopaActivity {
  name: string;
  purposes: string[];
  lawfulBases: LawfulBasis[];
  dataSubjects: string;
  dataCategories: {
    field: PersonalField | EmailRecord;
    label: string;
    collection: FieldPolicy['collection'];
    retention: string;
  }[];
  recipients: string;
  retention: string[];
  internationalTransfers: string;
  securityMeasures: string[];
}

/**
 * Art. 30 record of processing, generated from the live registry and retention periods so it can
 * never drift from them. `controller` is the controller's name (or says it is not set);
 * `controllerContact` holds the name and contact details of the controller and its DPO that
 * Art. 30(1)(a) asks for.
 */
export function buildRopa(
  policies: Policies,
  controller: ControllerIdentityDto | null,
  periods: RetentionPeriods,
): {
  controller: string;
  controllerContact: ControllerIdentityDto | null;
  generatedAt: string;
  activities: RopaActivity[];
} {
  return {
    controller: controller?.name ?? CONTROLLER_NOT_SET,
    controllerContact: controller,
    generatedAt: new Date().toISOString(),
    activities: ACTIVITIES.map((a) => {
      const used = a.fields.map((f) => policies[f]).filter((p) => p.collection !== 'off');
      const records = a.records?.(periods) ?? [];
      return {
        name: a.name,
        purposes: [...new Set([...used.flatMap((p) => p.purposes), ...records.flatMap((r) => r.purposes)])],
        lawfulBases: [...new Set([...used.map((p) => p.lawfulBasis), ...records.map((r) => r.lawfulBasis)])],
        dataSubjects: a.subjects,
        dataCategories: [
          ...used.map((p) => ({
            field: p.field as PersonalField | EmailRecord,
            label: p.label,
            collection: p.collection,
            retention: retentionDescription(p.retention),
          })),
          ...records.map((r) => ({
            field: r.field,
            label: r.label,
            collection: r.collection,
            retention: r.retention,
          })),
        ],
        recipients: a.recipients,
        retention: a.retention(periods),
        internationalTransfers: 'None',
        securityMeasures: SECURITY,
      };
    }),
  };
}
