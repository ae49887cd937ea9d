import { Injectable } from '@nestjs/common';
import { formatDsarReference, type DsarAction, verificationMethodsFor } from '@hushdesk/contracts';
import type {
  CreateDsarResponseDto,
  DsarCandidateDto,
  DsarDashboardDto,
  DsarDetailDto,
  DsarSubjectIdentifiersDto,
  DsarSummaryDto,
} from '../dto/dsar-responses.dto';
import { dsarDueAt, normaliseEmail, normaliseName, normalisePhone, project } from '@hushdesk/privacy';
import { contentMatches } from '../../attachments/file-type';
import { AuditService, type AuditAction } from '../../audit/audit.service';
import { OwnedBlobs } from '../../blobs/owned-blobs.service';
import type { Actor } from '../../common/auth/actor';
import { DomainError, DomainErrorCode } from '../../common/errors/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../common/pagination/keyset';
import { Transactions } from '../../database/transactions';
import { dsarPaths } from '../shared/dsar-paths';
import type { Tx } from '../../database/tx';
import { PersonDsarRepository } from '../../people/person-dsar.repository';
import { PeopleService } from '../../people/people.service';
import { FieldPoliciesService } from '../../privacy/field-policies.service';
import type { NameView } from '../../privacy/name-view';
import { SuppressionList } from '../../privacy/suppression.service';
import { DsarCollector } from '../collection/dsar-collection.job';
import { DsarReleasesRepository } from '../shared/dsar-releases.repository';
import { DsarRequestsRepository } from '../shared/dsar-requests.repository';
import {
  allowedActions,
  ambiguous,
  assertAllowed,
  COMPLAINT,
  deadlineOf,
  isClosed,
  toDetail,
  toSummary,
  type DsarRow,
} from '../shared/dsar-rows';
import { DsarSubjects } from '../collection/dsar-subject.service';
import { longDate } from '../shared/long-date';
import type {
  ChooseSubjectDto,
  CreateDsarDto,
  ExtendDsarDto,
  ListDsarQueryDto,
  RectifyDsarDto,
  VerifyDsarDto,
} from '../dto/dsar.dto';

/** Evidence of a third party's authority: documents and images only. */
const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'];

/**
 * The request's lifecycle: intake, verification, the clock (pauses and extensions), and the
 * rights that need no collection (rectification, restriction, objection). Every decision is
 * audited; every action checks the request's state and answers 409 naming it when it does not fit.
 */
@Injectable()
export class DsarService {
  constructor(
    private readonly transactions: Transactions,
    private readonly requests: DsarRequestsRepository,
    private readonly releases: DsarReleasesRepository,
    private readonly persons: PersonDsarRepository,
    private readonly audit: AuditService,
    private readonly subjects: DsarSubjects,
    private readonly collector: DsarCollector,
    private readonly people: PeopleService,
    private readonly suppressions: SuppressionList,
    private readonly owned: OwnedBlobs,
    private readonly policies: FieldPoliciesService,
  ) {}

  async create(actor: Actor, dto: CreateDsarDto): Promise<CreateDsarResponseDto> {
    const intake = actor.role === 'customer' ? await this.portalIntake(actor, dto) : this.dpoIntake(dto);
    return this.transactions.run(async (tx) => {
      const subjectPersonId =
        intake.subjectPersonId ?? (await this.subjects.match(intake.subject, tx)).automatic;
      const dueAt = dsarDueAt({ receivedAt: intake.receivedAt });
      const row = await this.requests.insert(tx, {
        kind: dto.kind,
        status: intake.verified ? 'verified' : 'received',
        channel: intake.channel,
        subjectPersonId,
        subject: intake.subject,
        relation: intake.relation,
        requesterName: intake.requesterName,
        requesterUserId: actor.role === 'customer' ? actor.userId : null,
        createdById: actor.userId,
        details: dto.details ?? null,
        receivedAt: intake.receivedAt,
        dueAt,
        verificationMethod: intake.verified ? 'signed_in' : null,
        verifiedAt: intake.verified ? new Date() : null,
      });
      await this.audit.record(tx, {
        actor,
        action: 'dsar.create',
        subjectPersonId,
        target: { type: 'dsar', id: row.id },
        details: { kind: dto.kind, channel: intake.channel, relation: intake.relation },
      });
      return {
        id: row.id,
        reference: formatDsarReference(row.reference),
        status: row.status,
        dueAt: dueAt.toISOString(),
      };
    });
  }

  /** A signed-in customer asks about themselves: verified by the session, received now. */
  private async portalIntake(actor: Actor, dto: CreateDsarDto) {
    if (dto.requester?.relation === 'third_party') {
      throw new DomainError(DomainErrorCode.Forbidden, 'requester: customers can only ask about themselves');
    }
    const me = await this.persons.contactOf(actor.personId);
    const s = dto.subject ?? {};
    const notMe =
      (s.personId && s.personId !== actor.personId) ||
      (s.email && normaliseEmail(s.email) !== me?.email) ||
      (s.phone && normalisePhone(s.phone) !== me?.phone) ||
      (s.fullName && normaliseName(s.fullName) !== me?.name_key);
    if (notMe) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'subject: you can only make a request about yourself; someone else must ask for themselves or through the DPO',
      );
    }
    const open = await this.requests.openReference(actor.userId, dto.kind);
    if (open) {
      throw DomainError.conflict(
        `You already have an open ${dto.kind} request (${formatDsarReference(open)})`,
      );
    }
    return {
      subject: { personId: actor.personId } as DsarSubjectIdentifiersDto,
      subjectPersonId: actor.personId,
      receivedAt: new Date(),
      channel: 'portal' as const,
      relation: 'subject' as const,
      requesterName: null,
      verified: true,
    };
  }

  private dpoIntake(dto: CreateDsarDto) {
    const s = dto.subject ?? {};
    if (!s.email && !s.phone && !s.fullName && !s.personId) {
      throw DomainError.invalidField('subject', 'needs at least one of email, phone, fullName or personId');
    }
    if (s.phone && !normalisePhone(s.phone)) {
      throw DomainError.invalidField('subject.phone', 'is not a recognisable phone number');
    }
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : new Date();
    if (receivedAt.getTime() > Date.now() + 60_000) {
      throw DomainError.invalidField('receivedAt', 'cannot be in the future');
    }
    if (dto.channel === 'portal') {
      throw DomainError.invalidField('channel', 'must be email, phone or post for a request the DPO records');
    }
    const subject: DsarSubjectIdentifiersDto = {};
    if (s.email) subject.email = normaliseEmail(s.email);
    if (s.phone) subject.phone = normalisePhone(s.phone) as string;
    if (s.fullName) subject.fullName = s.fullName;
    if (s.personId) subject.personId = s.personId;
    return {
      subject,
      // Bound only when the identifiers point at one person without doubt (see DsarSubjects).
      subjectPersonId: null,
      receivedAt,
      channel: dto.channel ?? 'email',
      relation: dto.requester?.relation ?? 'subject',
      requesterName: dto.requester?.relation === 'third_party' ? (dto.requester.name ?? null) : null,
      verified: false,
    };
  }

  async list(actor: Actor, query: ListDsarQueryDto): Promise<Page<DsarSummaryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2);
    const rows = await this.requests.list({
      requesterUserId: actor.role === 'customer' ? actor.userId : undefined,
      state: query.state ?? 'open',
      kind: query.kind,
      after,
      limit,
    });
    const names = await this.policies.names(actor);
    return toPage(
      rows,
      limit,
      (r) => toSummary(r, undefined, names),
      (r) => [r.due_at.toISOString(), r.id],
    );
  }

  /** Open requests by the week they are due, and the counts behind the badges. */
  async dashboard(): Promise<DsarDashboardDto> {
    const rows = await this.requests.open();
    const summaries = rows.map((r) => toSummary(r));
    const weeks = new Map<string, number>();
    for (const s of summaries) {
      const due = new Date(s.dueAt);
      const monday = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth(), due.getUTCDate()));
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      const key = monday.toISOString().slice(0, 10);
      weeks.set(key, (weeks.get(key) ?? 0) + 1);
    }
    return {
      open: summaries.length,
      dueSoon: summaries.filter((s) => s.deadlineState === 'due_soon').length,
      overdue: summaries.filter((s) => s.deadlineState === 'overdue').length,
      paused: summaries.filter((s) => s.deadlineState === 'paused').length,
      byWeek: [...weeks]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([weekStart, count]) => ({ weekStart, count })),
    };
  }

  /** The DPO sees any request; a customer only their own (404 otherwise, so nothing leaks). */
  async load(actor: Actor, id: string, tx?: Tx, lock = false): Promise<DsarRow> {
    const row = await this.requests.findVisible(actor, id, lock, tx);
    if (!row) throw DomainError.notFound('Request');
    return row;
  }

  async get(actor: Actor, id: string): Promise<DsarDetailDto> {
    const row = await this.load(actor, id);
    return this.present(actor, row);
  }

  private async present(actor: Actor, row: DsarRow): Promise<DsarDetailDto> {
    const forRequester = actor.role === 'customer';
    const names = await this.policies.names(actor);
    return toDetail(row, {
      candidates: forRequester ? [] : await this.describeCandidates(actor, row, names),
      release: await this.currentRelease(row.id),
      forRequester,
      names,
    });
  }

  private async describeCandidates(actor: Actor, row: DsarRow, names: NameView): Promise<DsarCandidateDto[]> {
    if (row.status !== 'needs_subject' || !row.candidates.length) return [];
    // Contact fields as the caller's role may see them, like the name beside them.
    const policies = await this.policies.all();
    const shown = (value: string | null, field: 'person.email' | 'person.phone') =>
      project(value, policies[field], actor.role, false) ?? null;
    const people = await this.persons.candidates(row.candidates.map((c) => c.personId));
    return row.candidates.map((c) => {
      const p = people.find((x) => x.id === c.personId);
      return {
        personId: c.personId,
        fullName: names.ofPerson(p?.full_name ?? null, c.personId),
        email: shown(p?.email ?? null, 'person.email'),
        phone: shown(p?.phone ?? null, 'person.phone'),
        organisationName: p?.organisation ?? null,
        matchedBy: c.matchedBy,
        accountRole: p?.role ?? null,
      };
    });
  }

  /**
   * Runs one action on a request locked for the change: refused with 409 naming the state unless
   * the action is allowed now; audited in the same transaction.
   */
  async act(
    actor: Actor,
    id: string,
    action: DsarAction,
    audit: { action: AuditAction; reason?: string | null; details?: Record<string, unknown> },
    change: (tx: Tx, row: DsarRow) => Promise<void>,
  ): Promise<DsarDetailDto> {
    await this.transactions.run(async (tx) => {
      const row = await this.load(actor, id, tx, true);
      assertAllowed(row, action);
      await change(tx, row);
      await this.audit.record(tx, {
        actor,
        action: audit.action,
        subjectPersonId: row.subject_person_id,
        target: { type: 'dsar', id },
        reason: audit.reason ?? null,
        details: audit.details,
      });
    });
    return this.get(actor, id);
  }

  verify(actor: Actor, id: string, dto: VerifyDsarDto): Promise<DsarDetailDto> {
    return this.act(
      actor,
      id,
      'verify',
      { action: 'dsar.verify', details: { method: dto.method } },
      async (m, row) => {
        if (!verificationMethodsFor(row.channel).includes(dto.method)) {
          throw DomainError.invalidField(
            'method',
            `${dto.method} fits only a request made from the portal; this one came by ${row.channel}`,
          );
        }
        if (row.requester_relation === 'third_party' && !row.evidence_blob_key) {
          throw new DomainError(
            DomainErrorCode.InvalidState,
            'evidence: a third party’s request needs evidence of their authority before it is verified',
          );
        }
        const pauses = closeOpenPause(row);
        await this.requests.verify(m, id, dto.method, dto.note ?? null, pauses, dueWith(row, { pauses }));
      },
    );
  }

  /** Asking for ID or clarification stops the clock until the answer arrives. */
  requestInformation(actor: Actor, id: string, reason: string): Promise<DsarDetailDto> {
    return this.act(actor, id, 'request_information', { action: 'dsar.pause', reason }, async (m, row) => {
      const pauses = [...row.pauses, { from: new Date().toISOString(), to: null, reason }];
      await this.requests.pause(m, id, pauses, dueWith(row, { pauses }));
    });
  }

  resume(actor: Actor, id: string, reason: string): Promise<DsarDetailDto> {
    return this.act(actor, id, 'resume', { action: 'dsar.resume', reason }, async (m, row) => {
      const pauses = closeOpenPause(row);
      await this.requests.resume(m, id, pauses, dueWith(row, { pauses }));
    });
  }

  reject(actor: Actor, id: string, reason: string): Promise<DsarDetailDto> {
    return this.act(actor, id, 'reject', { action: 'dsar.reject', reason }, async (m, row) => {
      const pauses = closeOpenPause(row);
      await this.requests.reject(m, id, reason, pauses, `Your request was refused: ${reason} ${COMPLAINT}`);
    });
  }

  async extend(actor: Actor, id: string, dto: ExtendDsarDto): Promise<DsarDetailDto> {
    const row = await this.load(actor, id);
    if (row.extension_months !== 0) {
      throw new DomainError(
        DomainErrorCode.InvalidState,
        'extension: the deadline has already been extended',
      );
    }
    if (!isClosed(row) && !allowedActions(row).includes('extend')) {
      throw new DomainError(
        DomainErrorCode.InvalidState,
        'extension: it can only be decided within the first month after the request was received',
      );
    }
    return this.act(
      actor,
      id,
      'extend',
      { action: 'dsar.extend', reason: dto.reason, details: { months: dto.months } },
      async (m, locked) => {
        await this.requests.extend(
          m,
          id,
          dto.months,
          dto.reason,
          dueWith(locked, { extensionMonths: dto.months }),
        );
      },
    );
  }

  async collect(actor: Actor, id: string): Promise<DsarDetailDto> {
    const detail = await this.act(actor, id, 'collect', { action: 'dsar.collect' }, async (m) => {
      await this.requests.queueCollection(m, id, { phase: 'queued', done: 0, total: 9 });
    });
    await this.collector.start(id);
    return detail;
  }

  /**
   * The DPO picks the person among the candidates, or decides it is nobody on record (the subject
   * is then only mentioned, found by the identifiers given); collection starts again either way.
   */
  async chooseSubject(actor: Actor, id: string, choice: ChooseSubjectDto): Promise<DsarDetailDto> {
    if (choice.personId && choice.nobody) {
      throw DomainError.invalidField('nobody', 'cannot be given with personId; choose a person or nobody');
    }
    if (!choice.personId && !choice.nobody) {
      throw DomainError.invalidField('personId', 'is required, unless nobody is true');
    }
    const personId = choice.personId ?? null;
    const details = { decision: personId ? ('person' as const) : ('nobody' as const) };
    const detail = await this.act(
      actor,
      id,
      'choose_subject',
      { action: 'dsar.subject', details },
      async (m, row) => {
        if (personId && !row.candidates.some((c) => c.personId === personId)) {
          throw DomainError.invalidField('personId', 'is not one of the people the identifiers matched');
        }
        await this.requests.chooseSubject(m, id, personId, details.decision, {
          phase: 'queued',
          done: 0,
          total: 9,
        });
      },
    );
    await this.collector.start(id);
    return detail;
  }

  complete(actor: Actor, id: string, reason: string): Promise<DsarDetailDto> {
    return this.act(actor, id, 'complete', { action: 'dsar.complete', reason }, async (m) => {
      await this.requests.complete(m, id, reason);
    });
  }

  async uploadEvidence(
    actor: Actor,
    id: string,
    file: { bytes: Buffer; fileName: string; contentType: string },
  ): Promise<DsarDetailDto> {
    const type = file.contentType.split(';')[0].trim().toLowerCase();
    if (!EVIDENCE_TYPES.includes(type)) {
      throw DomainError.invalidField('evidence', `must be one of: ${EVIDENCE_TYPES.join(', ')}`);
    }
    // The declared type is the caller's word; the bytes must agree (an EXE sent as image/png is refused).
    if (!contentMatches(type, file.bytes)) {
      throw DomainError.invalidField(
        'evidence',
        `content is not ${type}; the bytes do not match the declared type`,
      );
    }
    const key = await this.owned.write(file.bytes);
    let previous: string | null = null;
    try {
      const detail = await this.act(
        actor,
        id,
        'upload_evidence',
        { action: 'dsar.evidence', details: { sizeBytes: file.bytes.length, contentType: type } },
        async (m, row) => {
          previous = row.evidence_blob_key;
          await this.requests.setEvidence(m, id, key, file.fileName.slice(0, 255), file.bytes.length);
          await this.owned.claim(m, key);
          if (previous) await this.owned.retire(m, previous);
        },
      );
      if (previous) await this.owned.discard(previous);
      return detail;
    } catch (e) {
      await this.owned.discard(key);
      throw e;
    }
  }

  /** Rectification: the person's fields change through the one audited path, then the request closes. */
  async rectify(actor: Actor, id: string, dto: RectifyDsarDto): Promise<DsarDetailDto> {
    const row = await this.load(actor, id);
    assertAllowed(row, 'rectify');
    const personId = await this.requirePerson(row);
    const changed = Object.keys(dto.changes).filter(
      (k) => (dto.changes as Record<string, unknown>)[k] !== undefined,
    );
    if (!changed.length) throw DomainError.invalidField('changes', 'must change at least one field');
    await this.people.update(actor, personId, dto.changes);
    return this.act(
      actor,
      id,
      'rectify',
      { action: 'dsar.rectify', reason: dto.note ?? null, details: { fields: changed } },
      async (m) => {
        await this.requests.completeFor(
          m,
          id,
          personId,
          `Your details were corrected (${changed.map(fieldLabel).join(', ')}).`,
        );
      },
    );
  }

  /** Restriction: processing is frozen (their tickets read-only except for the DPO) until lifted. */
  async restrict(actor: Actor, id: string, reason: string): Promise<DsarDetailDto> {
    const row = await this.load(actor, id);
    assertAllowed(row, 'restrict');
    const personId = await this.requirePerson(row);
    return this.act(actor, id, 'restrict', { action: 'dsar.restrict', reason }, async (m) => {
      await this.persons.restrict(m, personId);
      await this.requests.completeFor(
        m,
        id,
        personId,
        'Processing of your data is restricted: we store it but do not otherwise use it until the restriction is lifted, and we will tell you before it is.',
      );
    });
  }

  liftRestriction(actor: Actor, id: string, reason: string): Promise<DsarDetailDto> {
    return this.act(
      actor,
      id,
      'lift_restriction',
      { action: 'dsar.lift_restriction', reason },
      async (m, row) => {
        await this.persons.liftRestriction(m, row.subject_person_id);
        await this.requests.liftRestriction(
          m,
          id,
          `The restriction on processing your data was lifted on ${longDate(new Date())}: ${reason}`,
        );
      },
    );
  }

  /** Objection: onto the do-not-contact list (keyed hashes), which outlives any later erasure. */
  async object(actor: Actor, id: string, reason: string): Promise<DsarDetailDto> {
    const row = await this.load(actor, id);
    assertAllowed(row, 'object');
    const resolution = await this.subjects.resolve(row);
    if (resolution.kind === 'ambiguous') throw ambiguous();
    const who = resolution.identity;
    return this.act(actor, id, 'object', { action: 'dsar.object', reason }, async (m) => {
      let added = 0;
      for (const email of who.emails) added += await this.suppressions.add(m, { email }, 'objection');
      for (const phone of who.phones) added += await this.suppressions.add(m, { phone }, 'objection');
      if (!who.emails.length && !who.phones.length) {
        throw DomainError.invalidField(
          'subject',
          'has no email or phone number to put on the do-not-contact list',
        );
      }
      await this.requests.complete(
        m,
        id,
        `You will not be contacted again (${added} identifier(s) added to our do-not-contact list).`,
      );
    });
  }

  /** The package the requester can download now, if any. */
  private async currentRelease(dsarId: string): Promise<DsarDetailDto['release']> {
    const row = await this.releases.current(dsarId);
    if (!row) return null;
    return {
      expiresAt: row.expires_at.toISOString(),
      downloadPath: dsarPaths.export(dsarId, 'zip'),
      downloadedAt: row.downloaded_at?.toISOString() ?? null,
      access: row.access,
    };
  }

  private async requirePerson(row: DsarRow): Promise<string> {
    const resolution = await this.subjects.resolve(row);
    if (resolution.kind === 'ambiguous') throw ambiguous();
    if (!resolution.identity.personId) {
      throw new DomainError(
        DomainErrorCode.InvalidState,
        'subject: no person on record matches these identifiers',
      );
    }
    return resolution.identity.personId;
  }
}

function closeOpenPause(row: DsarRow) {
  const now = new Date().toISOString();
  return row.pauses.map((p) => (p.to ? p : { ...p, to: now }));
}

function dueWith(row: DsarRow, change: { pauses?: DsarRow['pauses']; extensionMonths?: 0 | 1 | 2 }): Date {
  const base = deadlineOf({ ...row, ...(change.pauses ? { pauses: change.pauses } : {}) });
  return dsarDueAt({ ...base, extensionMonths: change.extensionMonths ?? row.extension_months });
}

const FIELD_LABELS: Record<string, string> = {
  fullName: 'name',
  email: 'email address',
  phone: 'phone number',
  jobTitle: 'job title',
  employer: 'employer',
  workAddress: 'work address',
  imHandle: 'messaging handle',
};
const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;
