import { Injectable } from '@nestjs/common';
import type { Page } from '@hushdesk/contracts';
import type { Role } from '@hushdesk/contracts';
import { normalisePhone, project } from '@hushdesk/privacy';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BlobStore } from '../blobs/blob-store';
import { OwnedBlobs } from '../blobs/owned-blobs';
import type { Actor } from '../common/auth/actor';
import { SqlParams } from '../database/sql-params';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { ACCEPTED_AUDIO, detectAudio } from './audio-type';
import type { CreateRecordingDto, ListRecordingsQueryDto, RecordingDto } from './dto/recording.dto';

export interface RecordingRow {
  id: string;
  caller_number: string;
  direction: string;
  started_at: Date;
  duration_seconds: number;
  agent_id: string | null;
  ticket_id: string | null;
  person_id: string | null;
  person_match: string;
  notes: string | null;
  audio_blob_key: string | null;
  audio_content_type: string | null;
  audio_size_bytes: number | null;
  expires_at: Date;
  hold_reason: string | null;
  hold_by_id: string | null;
  hold_at: Date | null;
}

export const RECORDING_COLUMNS = `id, caller_number, direction, started_at, duration_seconds, agent_id, ticket_id, person_id, person_match,
  notes, audio_blob_key, audio_content_type, audio_size_bytes, expires_at, hold_reason, hold_by_id, hold_at`;

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
    private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly owned: OwnedBlobs,
    private readonly index: IdentifierIndex,
    private readonly policies: FieldPoliciesService,
    private readonly audit: AuditService,
  ) {}

  async retentionDays(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await manager.query("SELECT days FROM retention_policies WHERE category = 'recordings'");
    return row?.days ?? 60;
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
    const id = await this.dataSource.transaction((manager) =>
      this.insert(manager, { ...prepared, agentId: actor.userId }),
    );
    if (!id) throw DomainError.conflict('This call is already recorded');
    return this.get(actor, id);
  }

  /** Inserts one recording, matching the person by number when none is given. Null when an import key repeats. */
  async insert(manager: EntityManager, r: NewRecording): Promise<string | null> {
    if (r.ticketId) {
      const [t] = await manager.query('SELECT 1 FROM tickets WHERE id = $1', [r.ticketId]);
      if (!t) throw DomainError.invalidField('ticketId', 'does not match a ticket');
    }
    let personId = r.personId ?? null;
    let personMatch: string = personId ? 'given' : 'none';
    if (personId) {
      const [p] = await manager.query('SELECT 1 FROM people WHERE id = $1', [personId]);
      if (!p) throw DomainError.invalidField('personId', 'does not match a person');
    } else {
      // Through the identifier index: people whose own phone is this number.
      const mentions = await this.index.lookup({ phones: [r.callerNumber] });
      const people = [...new Set(mentions.filter((m) => m.sourceType === 'person').map((m) => m.sourceId))];
      if (people.length === 1) [personId, personMatch] = [people[0], 'matched'];
      else if (people.length > 1) personMatch = 'ambiguous'; // flagged for review, linked to no one
    }
    const days = await this.retentionDays(manager);
    const expiresAt = new Date(r.startedAt.getTime() + days * 86_400_000);
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO recordings (caller_number, direction, started_at, duration_seconds, agent_id, ticket_id, person_id,
         person_match, notes, expires_at, import_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (import_key) DO NOTHING RETURNING id`,
      [
        r.callerNumber,
        r.direction,
        r.startedAt,
        r.durationSeconds,
        r.agentId,
        r.ticketId ?? null,
        personId,
        personMatch,
        r.notes ?? null,
        expiresAt,
        r.importKey ?? null,
      ],
    );
    if (!rows.length) return null;
    if (r.notes)
      await this.index.index(manager, { type: 'recording', id: rows[0].id, ticketId: r.ticketId ?? null }, [
        r.notes,
      ]);
    return rows[0].id;
  }

  private async row(id: string): Promise<RecordingRow> {
    const [row]: RecordingRow[] = await this.dataSource.query(
      `SELECT ${RECORDING_COLUMNS} FROM recordings WHERE id = $1`,
      [id],
    );
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
    const p = new SqlParams();
    const where: string[] = [];
    if (query.personId) {
      where.push(`person_id = ${p.add(query.personId)}`);
      // Only links the caller may see: a filter that found number matches would confirm them.
      if (!(await this.seesNumberMatch(actor.role))) where.push(`person_match = 'given'`);
    }
    if (query.ticketId) where.push(`ticket_id = ${p.add(query.ticketId)}`);
    if (after) where.push(`(started_at, id) < (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`);
    const rows: RecordingRow[] = await this.dataSource.query(
      `SELECT ${RECORDING_COLUMNS} FROM recordings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY started_at DESC, id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
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
  async putAudio(actor: Actor, id: string, bytes: Buffer): Promise<RecordingDto> {
    const before = await this.row(id);
    const contentType = detectAudio(bytes);
    if (!contentType) throw DomainError.invalidField('audio', `is not audio; send ${ACCEPTED_AUDIO}`);
    const key = await this.owned.write(bytes);
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          'UPDATE recordings SET audio_blob_key = $1, audio_content_type = $2, audio_size_bytes = $3 WHERE id = $4',
          [key, contentType, bytes.length, id],
        );
        await this.owned.claim(manager, key);
        if (before.audio_blob_key) await this.owned.retire(manager, before.audio_blob_key);
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
      open: (range) => this.blobs.read(key, range),
    };
  }

  async setHold(actor: Actor, id: string, reason: string | null): Promise<RecordingDto> {
    await this.row(id);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        reason
          ? 'UPDATE recordings SET hold_reason = $2, hold_by_id = $3, hold_at = now() WHERE id = $1'
          : 'UPDATE recordings SET hold_reason = NULL, hold_by_id = NULL, hold_at = NULL WHERE id = $1',
        reason ? [id, reason, actor.userId] : [id],
      );
      await this.audit.record(manager, {
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
