import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { normalisePhone, project } from '@hushdesk/privacy';
import type { Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import { BlobStore } from '../blobs/blob-store';
import { MissingBlobs } from '../blobs/missing-blobs.service';
import { OwnedBlobs } from '../blobs/owned-blobs.service';
import type { ScratchCopy } from '../blobs/scratch-file';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { decodeCursor, type Page, toPage } from '../common/pagination/keyset';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { RetentionRepository } from '../retention/retention.repository';
import { TicketLookupRepository } from '../tickets/ticket-lookup.repository';
import { ACCEPTED_AUDIO, detectAudio } from './audio-type';
import type { CreateRecordingDto, ListRecordingsQueryDto, RecordingDto } from './dto/recording.dto';
import { RecordingsRepository, type RecordingRow } from './recordings.repository';

export interface NewRecording {
  callerNumber: string;
  direction: 'inbound' | 'outbound';
  startedAt: Date;
  durationSeconds: number;
  ticketId?: string | null;
  personId?: string | null;
  notes?: string | null;
  agentId: string | null;
  importKey?: string | null;
}

/**
 * Call recordings. Each expires 60 days (by policy) after the call; the DPO can hold one past
 * that. The caller number is personal data: stored in E.164, shown per field policy.
 */
@Injectable()
export class RecordingsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly recordings: RecordingsRepository,
    private readonly retention: RetentionRepository,
    private readonly tickets: TicketLookupRepository,
    private readonly people: PersonPrivacyRepository,
    private readonly blobs: BlobStore,
    private readonly owned: OwnedBlobs,
    private readonly missing: MissingBlobs,
    private readonly index: IdentifierIndex,
    private readonly policies: FieldPoliciesService,
    private readonly audit: AuditService,
  ) {}

  async retentionDays(tx?: Tx): Promise<number> {
    return (await this.retention.daysOf('recordings', tx)) ?? 60;
  }

  /** Validates and normalises, shared by the API and the CSV import; throws DomainError naming the field. */
  async prepare(input: CreateRecordingDto): Promise<Omit<NewRecording, 'agentId'>> {
    const callerNumber = normalisePhone(input.callerNumber);
    if (!callerNumber) throw DomainError.invalidField('callerNumber', 'is not a recognisable phone number');
    const startedAt = new Date(input.startedAt);
    if (startedAt.getTime() > Date.now() + 60_000)
      throw DomainError.invalidField('startedAt', 'is in the future');
    return {
      callerNumber,
      direction: input.direction,
      startedAt,
      durationSeconds: input.durationSeconds,
      ticketId: input.ticketId ?? null,
      personId: input.personId ?? null,
      notes: input.notes ?? null,
    };
  }

  /**
   * Whether this role may learn which person a caller number belongs to. The match is made
   * against the numbers we hold for people; a role that sees those masked or not at all would
   * otherwise learn a number by logging candidates and watching which one links (no reveal, no
   * audit). A link the caller gave (`personId`) is no such oracle and is always shown.
   */
  async seesNumberMatch(role: Role): Promise<boolean> {
    const policies = await this.policies.all();
    return (['person.phone', 'ticket.contactPhone'] as const).every(
      (field) => policies[field].visibility[role] === 'clear',
    );
  }

  /** Whether this role sees caller numbers in clear (or could learn them from how calls dedupe). */
  async seesCallerNumbers(role: Role): Promise<boolean> {
    return (await this.policies.get('recording.callerNumber')).visibility[role] === 'clear';
  }

  async create(actor: Actor, input: CreateRecordingDto): Promise<RecordingDto> {
    const prepared = await this.prepare(input);
    const id = await this.transactions.run((tx) => this.insert(tx, { ...prepared, agentId: actor.userId }));
    if (!id) throw DomainError.conflict('This call is already recorded');
    return this.get(actor, id);
  }

  /** Inserts one recording, matching the person by number when none is given. Null when an import key repeats. */
  async insert(tx: Tx, r: NewRecording): Promise<string | null> {
    if (r.ticketId) {
      if (!(await this.tickets.exists(r.ticketId, tx)))
        throw DomainError.invalidField('ticketId', 'does not match a ticket');
    }
    let personId = r.personId ?? null;
    let personMatch: string = personId ? 'given' : 'none';
    if (personId) {
      if (!(await this.people.exists(personId, tx)))
        throw DomainError.invalidField('personId', 'does not match a person');
    } else {
      // Through the identifier index: people whose own phone is this number.
      const mentions = await this.index.lookup({ phones: [r.callerNumber] });
      const people = [...new Set(mentions.filter((m) => m.sourceType === 'person').map((m) => m.sourceId))];
      if (people.length === 1) [personId, personMatch] = [people[0], 'matched'];
      else if (people.length > 1) personMatch = 'ambiguous'; // flagged for review, linked to no one
    }
    const days = await this.retentionDays(tx);
    const expiresAt = new Date(r.startedAt.getTime() + days * 86_400_000);
    const id = await this.recordings.insert(tx, {
      callerNumber: r.callerNumber,
      direction: r.direction,
      startedAt: r.startedAt,
      durationSeconds: r.durationSeconds,
      agentId: r.agentId,
      ticketId: r.ticketId ?? null,
      personId,
      personMatch,
      notes: r.notes ?? null,
      expiresAt,
      importKey: r.importKey ?? null,
    });
    if (!id) return null;
    if (r.notes)
      await this.index.index(tx, { type: 'recording', id, ticketId: r.ticketId ?? null }, [r.notes]);
    return id;
  }

  private async row(id: string): Promise<RecordingRow> {
    const row = await this.recordings.get(id);
    if (!row) throw DomainError.notFound('Recording');
    return row;
  }

  async present(actor: Actor, r: RecordingRow): Promise<RecordingDto> {
    const policy = await this.policies.get('recording.callerNumber');
    const callerNumber = project(r.caller_number, policy, actor.role, false);
    // The same answer whether the number matched one person, several or none.
    const withheld = r.person_match !== 'given' && !(await this.seesNumberMatch(actor.role));
    return {
      id: r.id,
      ...(callerNumber === undefined || callerNumber === null ? {} : { callerNumber }),
      direction: r.direction,
      startedAt: r.started_at.toISOString(),
      durationSeconds: r.duration_seconds,
      agentId: r.agent_id,
      ticketId: r.ticket_id,
      personId: withheld ? null : r.person_id,
      personMatch: withheld ? 'withheld' : r.person_match,
      notes: r.notes,
      hasAudio: r.audio_blob_key !== null,
      expiresAt: r.expires_at.toISOString(),
      hold: r.hold_at
        ? { reason: r.hold_reason as string, byId: r.hold_by_id, at: r.hold_at.toISOString() }
        : null,
    };
  }

  async get(actor: Actor, id: string): Promise<RecordingDto> {
    return this.present(actor, await this.row(id));
  }

  async list(actor: Actor, query: ListRecordingsQueryDto): Promise<Page<RecordingDto>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, 2);
    const rows = await this.recordings.list({
      personId: query.personId,
      // Only links the caller may see: a filter that found number matches would confirm them.
      givenOnly: query.personId ? !(await this.seesNumberMatch(actor.role)) : false,
      ticketId: query.ticketId,
      after: after ? [after[0], after[1]] : undefined,
      limit,
    });
    const page = toPage(
      rows,
      limit,
      (r) => r,
      (r) => [r.started_at.toISOString(), r.id],
    );
    return {
      items: await Promise.all(page.items.map((r) => this.present(actor, r))),
      nextCursor: page.nextCursor,
    };
  }

  /** Stores the audio (refusing anything that is not audio by its bytes), replacing any earlier file. */
  async putAudio(actor: Actor, id: string, audio: Buffer | ScratchCopy): Promise<RecordingDto> {
    const before = await this.row(id);
    const inMemory = Buffer.isBuffer(audio); // the demo seed's; uploads arrive as a scratch file
    const contentType = detectAudio(inMemory ? audio : audio.head);
    if (!contentType) throw DomainError.invalidField('audio', `is not audio; send ${ACCEPTED_AUDIO}`);
    const sizeBytes = inMemory ? audio.length : audio.size;
    const key = await this.owned.write(inMemory ? audio : { file: audio.path });
    try {
      await this.transactions.run(async (tx) => {
        await this.recordings.setAudio(tx, id, { blobKey: key, contentType, sizeBytes });
        await this.owned.claim(tx, key);
        if (before.audio_blob_key) await this.owned.retire(tx, before.audio_blob_key);
      });
    } catch (e) {
      await this.owned.discard(key);
      throw e;
    }
    return this.get(actor, id);
  }

  async openAudio(id: string): Promise<{
    contentType: string;
    size: number;
    open: (range?: { start: number; end: number }) => Promise<Readable>;
  }> {
    const r = await this.row(id);
    if (!r.audio_blob_key) throw DomainError.notFound('Audio');
    const key = r.audio_blob_key;
    return {
      contentType: r.audio_content_type as string,
      size: r.audio_size_bytes as number,
      open: (range) =>
        this.missing.open({ type: 'recording', id, what: "The recording's audio" }, key, () =>
          this.blobs.read(key, range),
        ),
    };
  }

  async setHold(actor: Actor, id: string, reason: string | null): Promise<RecordingDto> {
    await this.row(id);
    await this.transactions.run(async (tx) => {
      await this.recordings.setHold(tx, id, reason ? { reason, byId: actor.userId } : null);
      await this.audit.record(tx, {
        actor,
        action: reason ? 'recording.hold' : 'recording.release',
        target: { type: 'recording', id },
        reason,
      });
    });
    if (!reason) {
      const r = await this.row(id);
      if (r.hold_at) throw new DomainError(DomainErrorCode.InvalidState, 'The hold could not be lifted');
    }
    return this.get(actor, id);
  }
}
