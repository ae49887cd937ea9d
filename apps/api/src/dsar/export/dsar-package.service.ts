import { Injectable } from '@nestjs/common';
import { formatDsarReference } from '@hushdesk/contracts';
import type { ControllerIdentityDto } from '../../settings/dto/controller-settings.dto';
import type { DsarItemDto } from '../dto/dsar-responses.dto';
import { PLACEHOLDERS, retentionDescription } from '@hushdesk/privacy';
import { rm } from 'node:fs/promises';
import { BlobStore } from '../../blobs/blob-store';
import { MissingBlobs } from '../../blobs/missing-blobs.service';
import { FieldPoliciesService, type Policies } from '../../privacy/field-policies.service';
import { buildRopa, emailRecords, type RetentionPeriods } from '../../privacy/ropa';
import { RetentionPeriodsRepository } from '../../retention/retention-periods.repository';
import { ControllerIdentityService } from '../../settings/controller-identity.service';
import { toCsv } from '../../common/csv';
import { DsarReview } from '../review/dsar-review.service';
import { COMPLAINT, type DsarRow } from '../shared/dsar-rows';
import { DSAR_EXPORT_SCHEMA } from './dsar-export.schema';
import { ZipFileWriter } from './zip-file-writer';

/** One disclosed item in the package: its facts, and its text with other people's data redacted. */
export interface ExportedItem {
  type: DsarItemDto['type'];
  title: string;
  at: string | null;
  ticketReference: string | null;
  foundBy: string[];
  record: Record<string, unknown>;
  text: string | null;
  redactions: number;
  file: string | null;
}

export interface ExportData {
  $schema: string;
  schemaVersion: 1;
  request: { reference: string; kind: string; receivedAt: string; dueAt: string; generatedAt: string };
  subject: { contact: Record<string, unknown> | null; accounts: Record<string, unknown>[] };
  items: ExportedItem[];
  withheld: { count: number; note: string };
  redactions: { count: number; note: string };
  supplementaryInformation: ReturnType<typeof supplementaryInformation>;
}

/** A built package: a ZIP in one of the blob store's scratch files, which its holder removes. */
export interface PackageFile {
  path: string;
  size: number;
}

/** Types that are data the person gave us (Art. 20), for a portability request. */
const PROVIDED = new Set(['contact', 'account', 'ticket', 'message', 'attachment', 'email']);

/** Where each kind of file goes in the package. */
const FILE_FOLDERS: Partial<Record<DsarItemDto['type'], string>> = { recording: 'audio', email: 'emails' };

/**
 * Builds the answer: `data.json` (schema in `schema.json`), a printable `report.html`, the audio,
 * attachment and raw email (.eml, while kept) files, and the Art. 15 supplementary information generated from the field-policy
 * registry. Sources are read as they are now, and every redaction the review kept is applied.
 */
@Injectable()
export class DsarPackager {
  constructor(
    private readonly review: DsarReview,
    private readonly policies: FieldPoliciesService,
    private readonly blobs: BlobStore,
    private readonly missing: MissingBlobs,
    private readonly controller: ControllerIdentityService,
    private readonly periods: RetentionPeriodsRepository,
  ) {}

  async build(row: DsarRow): Promise<{ data: ExportData; files: { path: string; blobKey: string }[] }> {
    const portability = row.kind === 'portability';
    const items: ExportedItem[] = [];
    const files: { path: string; blobKey: string }[] = [];
    let withheld = 0;
    let redactions = 0;
    let contact: Record<string, unknown> | null = null;
    const accounts: Record<string, unknown>[] = [];
    for await (const page of this.review.all(row)) {
      for (const { loaded, item } of page) {
        if (item.excluded) {
          withheld++;
          continue;
        }
        if (portability && !(PROVIDED.has(item.type) && provided(item))) continue;
        if (item.type === 'contact') contact = loaded.record;
        if (item.type === 'account') accounts.push(loaded.record);
        let text: string | null = null;
        let redacted = 0;
        if (item.segments.length) {
          text = item.segments
            .map((s) => {
              if ('text' in s) return s.text;
              if (!s.redacted) return s.original;
              redacted++;
              return PLACEHOLDERS[s.kind];
            })
            .join('');
        }
        redactions += redacted;
        let file: string | null = null;
        if (loaded.file) {
          file = `${FILE_FOLDERS[item.type] ?? 'attachments'}/${item.id}-${safeName(loaded.file.fileName)}`;
          // A text file goes as its redacted text; other files as they are.
          if (text !== null && item.type === 'attachment') file = `${file}.redacted.txt`;
          else files.push({ path: file, blobKey: loaded.file.blobKey });
        }
        items.push({
          type: item.type,
          title: item.title,
          at: item.at,
          ticketReference: item.ticketReference,
          foundBy: item.foundBy,
          record: loaded.record,
          text,
          redactions: redacted,
          file,
        });
      }
    }
    const generatedAt = new Date().toISOString();
    const data: ExportData = {
      $schema: 'schema.json',
      schemaVersion: 1,
      request: {
        reference: formatDsarReference(row.reference),
        kind: row.kind,
        receivedAt: row.received_at.toISOString(),
        dueAt: row.due_at.toISOString(),
        generatedAt,
      },
      subject: { contact, accounts },
      items,
      withheld: {
        count: withheld,
        note: withheld
          ? 'Some items were withheld under an exemption in the Data Protection Act 2018; ask us if you want to know which.'
          : 'Nothing was withheld.',
      },
      redactions: {
        count: redactions,
        note: 'Other people’s names, email addresses and phone numbers are replaced by [name], [email] and [phone] to protect them.',
      },
      supplementaryInformation: supplementaryInformation(
        await this.policies.all(),
        await this.controller.identity(),
        await this.periods.all(),
      ),
    };
    return { data, files };
  }

  /**
   * The package as a ZIP in a scratch file, written entry by entry with each file read as a
   * stream, so memory does not grow with the audio. Nothing is left behind if it fails.
   */
  async zipFile(row: DsarRow): Promise<PackageFile> {
    const { data, files } = await this.build(row);
    const path = await this.blobs.scratchFile();
    const zip = new ZipFileWriter(path);
    try {
      await zip.text('data.json', JSON.stringify(data, null, 2));
      await zip.text('schema.json', JSON.stringify(DSAR_EXPORT_SCHEMA, null, 2));
      await zip.text('report.html', reportHtml(data));
      for (const item of data.items) {
        if (item.file?.endsWith('.redacted.txt') && item.text !== null) await zip.text(item.file, item.text);
      }
      // Audio and attachments are mostly compressed already, and raw mail is small: stored as they are.
      // Entry paths carry file names: never in the error, only the request's id and the key.
      const owner = {
        type: 'dsar',
        id: row.id,
        what: 'A file of this package (call audio or an attachment)',
      } as const;
      for (const f of files) {
        await zip.stored(f.path, await this.missing.open(owner, f.blobKey, () => this.blobs.read(f.blobKey)));
      }
      if (row.kind === 'portability') await zip.text('provided.csv', providedCsv(data));
      return { path, size: await zip.finish() };
    } catch (e) {
      await zip.abort();
      await rm(path, { force: true });
      throw e;
    }
  }

  async csv(row: DsarRow): Promise<string> {
    return providedCsv((await this.build(row)).data);
  }
}

/** For portability: what the person wrote or uploaded themselves, not what others wrote about them. */
function provided(item: DsarItemDto): boolean {
  if (item.type === 'contact' || item.type === 'account') return true;
  if (item.type === 'ticket') return item.foundBy.includes('requester');
  if (item.type === 'message') return item.foundBy.includes('author');
  if (item.type === 'email') return item.foundBy.includes('sender');
  return item.foundBy.includes('uploader');
}

/** One row per field, so any spreadsheet opens it: record type, reference, when, field, value. */
function providedCsv(data: ExportData): string {
  const rows: string[][] = [['record', 'reference', 'at', 'field', 'value']];
  const push = (
    record: string,
    reference: string | null,
    at: string | null,
    fields: Record<string, unknown>,
  ) => {
    for (const [field, value] of Object.entries(fields)) {
      if (value === null || value === undefined || typeof value === 'object') continue;
      rows.push([record, reference ?? '', at ?? '', field, String(value)]);
    }
  };
  if (data.subject.contact) push('contact', null, null, data.subject.contact);
  for (const item of data.items) {
    if (item.type === 'contact') continue;
    push(item.type, item.ticketReference, item.at, { ...item.record, text: item.text });
  }
  return toCsv(rows);
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'file';
}

/** Told to a requester while no admin has set the controller's identity (never a placeholder name). */
const CONTROLLER_NOT_PUBLISHED =
  'The organisation that runs this helpdesk has not yet recorded its name and address here; the person who handled your request can give them to you.';

/** Art. 15(1)(a)–(h) and 15(2), from the live registry, so it always matches what is collected. */
export function supplementaryInformation(
  policies: Policies,
  controller: ControllerIdentityDto | null,
  periods: RetentionPeriods,
) {
  const ropa = buildRopa(policies, controller, periods);
  const collected = Object.values(policies).filter((p) => p.collection !== 'off');
  const email = emailRecords(periods);
  return {
    controller: controller?.name ?? CONTROLLER_NOT_PUBLISHED,
    controllerContact: controller,
    purposes: ropa.activities.map((a) => ({
      activity: a.name,
      purposes: a.purposes,
      lawfulBases: a.lawfulBases,
    })),
    categoriesOfData: [
      ...collected.map((p) => ({ field: p.field as string, label: p.label, category: p.category })),
      ...email.map((r) => ({ field: r.field as string, label: r.label, category: r.category })),
    ],
    recipients: ropa.activities.map((a) => `${a.name}: ${a.recipients}`),
    retention: [
      ...ropa.activities.flatMap((a) => a.retention),
      ...collected.map((p) => `${p.label}: ${retentionDescription(p.retention)}`),
    ],
    source:
      'From you (your account, tickets, messages, emails, files and calls); from your organisation, which set up your account; from our support staff; and from other customers who mentioned you in their tickets.',
    rights: [
      'To have inaccurate personal data corrected (rectification)',
      'To have your personal data erased',
      'To restrict how we process your personal data',
      'To object to processing, including being contacted',
      'To receive the data you gave us in a machine-readable format (portability)',
    ],
    complaint: COMPLAINT,
    automatedDecisionMaking:
      'None. Hushdesk makes no decisions about you by automated means, and does no profiling.',
    internationalTransfers: 'None: your data is not transferred outside the UK.',
  };
}

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The controller and how to reach its Data Protection Officer, as the admin set them. */
function controllerHtml(name: string, contact: ControllerIdentityDto | null): string {
  if (!contact) return `<p>${esc(name)}</p>`;
  const dpo = [contact.dpoName, contact.dpoEmail, contact.dpoPhone].filter(Boolean).join(', ');
  return `<p><strong>${esc(contact.name)}</strong><br>${esc(contact.address).replace(/\n/g, '<br>')}</p>
<p>Data Protection Officer: ${esc(dpo)}</p>`;
}

/** The human-readable report: self-contained, printable, no scripts. */
export function reportHtml(data: ExportData): string {
  const info = data.supplementaryInformation;
  const list = (xs: string[]) => `<ul>${xs.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
  const record = (r: Record<string, unknown>) =>
    `<dl>${Object.entries(r)
      .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
      .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
      .join('')}</dl>`;
  const items = data.items
    .filter((i) => i.type !== 'contact' && i.type !== 'account')
    .map(
      (i) => `<section class="item"><h3>${esc(i.title)}</h3>
        <p class="meta">${esc(i.at ?? '')}${i.file ? ` · file: <code>${esc(i.file)}</code>` : ''}</p>
        ${record(i.record)}${i.text ? `<pre>${esc(i.text)}</pre>` : ''}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your personal data: ${esc(data.request.reference)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1b2330}
h1{font-size:1.6rem}h2{border-bottom:1px solid #ccd;padding-bottom:.2rem;margin-top:2rem}
.item{border:1px solid #dde;border-radius:6px;padding:.6rem 1rem;margin:.8rem 0;break-inside:avoid}
.meta{color:#556;font-size:.85rem;margin:0}dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}
dt{color:#556}dd{margin:0}pre{white-space:pre-wrap;background:#f5f6f8;padding:.5rem;border-radius:4px}
@media print{body{margin:0}}
</style></head><body>
<h1>Your personal data</h1>
<p>Request ${esc(data.request.reference)} (${esc(data.request.kind)}), received ${esc(data.request.receivedAt.slice(0, 10))}, answered ${esc(data.request.generatedAt.slice(0, 10))}.</p>
<p>${esc(data.redactions.note)} ${esc(data.withheld.note)}</p>
<h2>Your details</h2>
${data.subject.contact ? record(data.subject.contact) : '<p>We hold no contact record for you.</p>'}
${data.subject.accounts.map((a) => record(a)).join('')}
<h2>What we hold (${data.items.filter((i) => i.type !== 'contact' && i.type !== 'account').length} items)</h2>
${items || '<p>No personal data found.</p>'}
<h2>About this processing</h2>
<h3>Who is responsible for your data</h3>
${controllerHtml(info.controller, info.controllerContact)}
<h3>Why we use your data</h3>
${list(info.purposes.map((p) => `${p.activity}: ${p.purposes.join('; ')} (lawful basis: ${p.lawfulBases.join(', ')})`))}
<h3>Categories of data</h3>${list(info.categoriesOfData.map((c) => c.label))}
<h3>Who receives it</h3>${list(info.recipients)}
<h3>How long we keep it</h3>${list(info.retention)}
<h3>Where it came from</h3><p>${esc(info.source)}</p>
<h3>Your rights</h3>${list(info.rights)}
<p>${esc(info.complaint)}</p>
<h3>Automated decisions</h3><p>${esc(info.automatedDecisionMaking)}</p>
<h3>Transfers</h3><p>${esc(info.internationalTransfers)}</p>
</body></html>`;
}
