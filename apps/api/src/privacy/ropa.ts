import type { ControllerIdentityDto } from '../settings/dto/controller-settings.dto';
import {
  retentionDescription,
  type FieldPolicy,
  type LawfulBasis,
  type PersonalField,
} from '@hushdesk/privacy';
import { CONTROLLER_NOT_SET } from '../settings/controller-identity.service';
import type { Policies } from './field-policies.service';

/** The processing Hushdesk does, and which registry fields each activity uses. */
const ACTIVITIES: {
  name: string;
  subjects: string;
  fields: PersonalField[];
  recipients: string;
  retention: string[];
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
    retention: ['Closed tickets are anonymised 6 years after closure'],
  },
  {
    name: 'Call recording',
    subjects: 'Callers to and from the support line',
    fields: ['recording.callerNumber'],
    recipients: 'Support engineers; the DPO for legal holds',
    retention: ['Recordings are deleted 60 days after the call unless under legal hold'],
  },
  {
    name: 'Accounts and access',
    subjects: 'Customers and staff with a login',
    fields: ['person.fullName', 'person.email'],
    recipients: 'Administrators',
    retention: ['Sign-in sessions end after 12 hours; failed sign-in records after 15 minutes'],
  },
  {
    name: 'Data-subject requests and accountability',
    subjects: 'People exercising their data-protection rights; staff who handle personal data',
    fields: ['person.fullName', 'person.email', 'person.phone'],
    recipients: 'The Data Protection Officer; the regulator on request',
    retention: ['Audit entries are kept 6 years; export packages 30 days'],
  },
];

const SECURITY = [
  'Access by role, enforced on every query; customers see only their own tickets',
  'Contact data masked for engineers by default; every reveal audited with a reason',
  'Append-only, hash-chained audit trail of reads, reveals, exports, changes and erasures',
  'Identifiers in free text indexed only as keyed hashes (HMAC-SHA256)',
  'Passwords hashed with argon2id; sessions revocable; personal data masked in logs',
];

export interface RopaActivity {
  name: string;
  purposes: string[];
  lawfulBases: LawfulBasis[];
  dataSubjects: string;
  dataCategories: {
    field: PersonalField;
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
 * Art. 30 record of processing, generated from the live registry so it can never drift from it.
 * `controller` is the controller's name (or says it is not set); `controllerContact` holds the
 * name and contact details of the controller and its DPO that Art. 30(1)(a) asks for.
 */
export function buildRopa(
  policies: Policies,
  controller: ControllerIdentityDto | null,
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
      return {
        name: a.name,
        purposes: [...new Set(used.flatMap((p) => p.purposes))],
        lawfulBases: [...new Set(used.map((p) => p.lawfulBasis))],
        dataSubjects: a.subjects,
        dataCategories: used.map((p) => ({
          field: p.field,
          label: p.label,
          collection: p.collection,
          retention: retentionDescription(p.retention),
        })),
        recipients: a.recipients,
        retention: a.retention,
        internationalTransfers: 'None',
        securityMeasures: SECURITY,
      };
    }),
  };
}
