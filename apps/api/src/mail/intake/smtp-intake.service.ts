import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { BlobStore } from '../../blobs/blob-store';
import { copyToScratch } from '../../blobs/scratch-file';
import { isDatabaseUnavailable, loggable } from '../../common/http/exception.filter';
import { AppConfig } from '../../config/app-config';
import { MailImporter, type ImportResult } from './mail-importer.service';

/** An SMTP reply the client sees instead of 250. */
function reply(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

/**
 * The SMTP intake: the company's mail server relays support mail here (MAIL_INTAKE_PORT), bound to
 * 127.0.0.1 unless MAIL_INTAKE_HOST says otherwise. The relay is its only client, so there is no
 * AUTH and no STARTTLS (put it on a trusted network, or behind the relay on the same host); every
 * recipient is accepted, as a relay target should (the relay decides what is ours), and recorded
 * in To/Cc without fan-out. A mail is answered 250 only once its import committed, so the relay
 * keeps and retries anything we did not take: 451 while the database is away, 552 over
 * MAIL_MAX_BYTES, 550 for bytes that are not a mail. Nothing personal goes to the log. Each DATA
 * phase streams to a scratch file, so mails being received hold no memory; the importer parses
 * them from there under its byte budget and keeps the file as the raw copy.
 */
@Injectable()
export class SmtpIntake implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SmtpIntake.name);
  private server?: SMTPServer;
  private bound?: { host: string; port: number };

  constructor(
    private readonly config: AppConfig,
    private readonly importer: MailImporter,
    private readonly blobs: BlobStore,
  ) {}

  /** Where the intake listens (the real port when MAIL_INTAKE_PORT=0), or null when it is off. */
  address(): { host: string; port: number } | null {
    return this.bound ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const intake = this.config.mail.intake;
    // One intake per host: of several API workers, the lead listens.
    if (!intake || this.config.worker?.lead === false) return;
    const server = new SMTPServer({
      banner: 'Hushdesk mail intake',
      logger: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      hideSTARTTLS: true,
      size: this.config.mail.maxBytes,
      onRcptTo: (_address, _session, callback) => callback(),
      onData: (stream, _session, callback) => {
        this.receive(stream).then(
          () => callback(null, 'Queued as a ticket'),
          (e: Error) => callback(e),
        );
      },
    });
    server.on('error', (e) =>
      this.logger.warn({ msg: 'SMTP intake connection error', err: { code: (e as { code?: string }).code } }),
    );
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(intake.port, intake.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const info = server.server.address() as AddressInfo;
    this.bound = { host: intake.host, port: info.port };
    this.logger.log(`SMTP intake listening on ${intake.host}:${info.port}`);
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.bound = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream): Promise<ImportResult> {
    const max = this.config.mail.maxBytes;
    let file: string | null = null;
    try {
      // Past the limit the rest is read and dropped: the client still gets its 552.
      const copy = await copyToScratch(this.blobs, stream, { maxBytes: max });
      file = copy?.path ?? null;
      if (!copy || stream.sizeExceeded) {
        throw reply(552, `5.3.4 Message is larger than ${max} bytes`);
      }
      file = null; // the importer owns it now
      const result = await this.importer.importFile(copy.path, { kind: 'smtp' });
      if (result.outcome === 'rejected')
        throw reply(
          550,
          '5.6.0 Not imported: no sender, not MIME, or a sender who cannot open tickets by mail',
        );
      return result;
    } catch (e) {
      if ((e as { responseCode?: number }).responseCode) throw e;
      if (isDatabaseUnavailable(e)) {
        this.logger.warn({ msg: 'mail not taken: database unavailable', err: { code: loggable(e).code } });
        throw reply(451, '4.3.0 Temporarily unable to store the mail; try again later');
      }
      this.logger.error({ msg: 'mail import failed', err: loggable(e) });
      throw reply(451, '4.3.0 The mail could not be stored; try again later');
    } finally {
      if (file) await rm(file, { force: true });
    }
  }
}
