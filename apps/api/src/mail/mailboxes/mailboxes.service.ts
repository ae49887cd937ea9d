import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/auth/actor';
import { DomainError, DomainErrorCode } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import type { CreateMailboxDto, UpdateMailboxDto } from './dto/mailbox.dto';
import type { MailboxDto, MailboxTestResultDto, QuarantineEntryDto } from './dto/mailbox-responses.dto';
import { describeImapError, imapClient } from './imap-connection';
import { MailboxPoller } from './mailbox-poller.service';
import { openSecret, sealSecret, SealedSecretError } from './mailbox-secret';
import { type MailboxChanges, type MailboxRow, MailboxesRepository } from './mailboxes.repository';

/** A connection test gives up after this long, whatever the server does. */
const TEST_DEADLINE_MS = 15_000;

const EDITABLE = ['name', 'host', 'port', 'tls', 'username', 'auth', 'secret', 'folder', 'paused'] as const;
/** Fields that name another account or folder: what was read of the old one says nothing of it. */
const ACCOUNT_FIELDS = ['host', 'port', 'username', 'folder'] as const;

function toDto(row: MailboxRow): MailboxDto {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    tls: row.tls,
    username: row.username,
    auth: row.auth,
    folder: row.folder,
    paused: row.paused_at !== null,
    lastPolledAt: row.last_polled_at?.toISOString() ?? null,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at?.toISOString() ?? null,
    quarantined: row.quarantined,
    createdAt: row.created_at.toISOString(),
  };
}

const duplicate = () =>
  new DomainError(DomainErrorCode.Conflict, 'folder: this account already has a mailbox for this folder', {
    fields: { folder: ['this account already has a mailbox for this folder'] },
  });

/** IMAP mailboxes that admins add: every change audited; the secret is write-only. */
@Injectable()
export class MailboxesService {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly mailboxes: MailboxesRepository,
    private readonly audit: AuditService,
    private readonly poller: MailboxPoller,
  ) {}

  async list(): Promise<MailboxDto[]> {
    return (await this.mailboxes.list()).map(toDto);
  }

  async create(actor: Actor, input: CreateMailboxDto): Promise<MailboxDto> {
    const id = randomUUID();
    const row = {
      id,
      name: input.name,
      host: input.host.toLowerCase(),
      port: input.port,
      tls: input.tls,
      username: input.username,
      auth: input.auth ?? 'password',
      secret: sealSecret(this.config.mail.credentialsKey, id, input.secret),
      folder: input.folder || 'INBOX',
    };
    const created = await this.transactions.run(async (tx) => {
      if (!(await this.mailboxes.insert(tx, row))) throw duplicate();
      await this.audit.record(tx, {
        actor,
        action: 'mailbox.create',
        target: { type: 'mailbox', id },
        fields: ['name', 'host', 'port', 'tls', 'username', 'auth', 'secret', 'folder'],
        details: { port: row.port, tls: row.tls, auth: row.auth },
      });
      return this.mailboxes.find(id, tx);
    });
    await this.poller.pollSoon(id);
    return toDto(created as MailboxRow);
  }

  async update(actor: Actor, id: string, input: UpdateMailboxDto): Promise<MailboxDto> {
    // Absent fields stay; a null is refused here, since the validation lets optional nulls through.
    for (const field of EDITABLE)
      if (input[field] === null) throw DomainError.invalidField(field, 'must not be null');
    const updated = await this.transactions.run(async (tx) => {
      const current = await this.mailboxes.lock(tx, id);
      if (!current) throw DomainError.notFound('Mailbox');
      const next = {
        host: input.host?.toLowerCase() ?? current.host,
        port: input.port ?? current.port,
        username: input.username ?? current.username,
        folder: input.folder || current.folder,
      };
      const accountChanged = ACCOUNT_FIELDS.some((f) => next[f] !== current[f]);
      if (accountChanged && (await this.mailboxes.accountTaken(next, id, tx))) throw duplicate();
      const changes: MailboxChanges = {
        name: input.name,
        host: input.host === undefined ? undefined : next.host,
        port: input.port,
        tls: input.tls,
        username: input.username,
        auth: input.auth,
        folder: input.folder === undefined ? undefined : next.folder,
        paused: input.paused,
        secret:
          input.secret === undefined
            ? undefined
            : sealSecret(this.config.mail.credentialsKey, id, input.secret),
        resetPosition: accountChanged,
      };
      await this.mailboxes.update(tx, id, changes);
      await this.audit.record(tx, {
        actor,
        action: 'mailbox.update',
        target: { type: 'mailbox', id },
        fields: EDITABLE.filter((f) => input[f] !== undefined),
        details: input.paused === undefined ? {} : { paused: input.paused },
      });
      return this.mailboxes.find(id, tx);
    });
    // A listening connection was opened with the old settings: let it go, and poll anew.
    await this.poller.release(id);
    if (!updated?.paused_at) await this.poller.pollSoon(id);
    return toDto(updated as MailboxRow);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      if (!(await this.mailboxes.delete(tx, id))) throw DomainError.notFound('Mailbox');
      await this.audit.record(tx, { actor, action: 'mailbox.delete', target: { type: 'mailbox', id } });
    });
    await this.poller.release(id);
  }

  async quarantine(id: string): Promise<QuarantineEntryDto[]> {
    if (!(await this.mailboxes.find(id))) throw DomainError.notFound('Mailbox');
    return (await this.mailboxes.quarantined(id)).map((q) => ({
      id: q.id,
      uid: Number(q.uid),
      sizeBytes: Number(q.size_bytes),
      reason: q.reason,
      createdAt: q.created_at.toISOString(),
    }));
  }

  /**
   * Connects, signs in and opens the folder read-only: changes no mail. Answers what failed in an
   * admin's words, never the secret or the server's own text.
   */
  async test(id: string): Promise<MailboxTestResultDto> {
    const mailbox = await this.mailboxes.forSync(id);
    if (!mailbox) throw DomainError.notFound('Mailbox');
    let secret: string;
    try {
      secret = openSecret(this.config.mail.credentialsKey, id, mailbox.secret);
    } catch (e) {
      if (!(e instanceof SealedSecretError)) throw e;
      return {
        ok: false,
        error: "The stored password does not open with this server's MAIL_CREDENTIALS_KEY: enter it again.",
        messages: null,
        idle: false,
      };
    }
    const client = imapClient({ ...mailbox, secret }, { connectMs: 10_000, socketMs: TEST_DEADLINE_MS });
    client.on('error', () => undefined); // surfaced by the command that fails
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })),
        TEST_DEADLINE_MS,
      );
    });
    try {
      const probe = (async () => {
        await client.connect();
        const box = await client.mailboxOpen(mailbox.folder, { readOnly: true });
        return { messages: box.exists, idle: client.capabilities.has('IDLE') };
      })();
      probe.catch(() => undefined);
      const { messages, idle } = await Promise.race([probe, deadline]);
      await client.logout().catch(() => undefined);
      return { ok: true, error: null, messages, idle };
    } catch (e) {
      return { ok: false, error: describeImapError(e, mailbox), messages: null, idle: false };
    } finally {
      clearTimeout(timer);
      client.close();
    }
  }
}
