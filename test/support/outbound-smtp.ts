import { createServer, type AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface ArrivedMail {
  envelopeTo: string[];
  raw: Buffer;
  parsed: PostalMime.Email;
  /** A header's value by its lower-case name (the first one), or undefined. */
  header(name: string): string | undefined;
}

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * A real SMTP server (`smtp-server`) standing in for the company's relay: it accepts mail on a
 * port of its own, parses what arrives with PostalMime, and can refuse chosen recipients with a
 * permanent 550 or be stopped and started again on the same port (the relay going down).
 */
export class SmtpRelay {
  readonly mails: ArrivedMail[] = [];
  /** Recipients refused with `550 5.1.1`, lower-case. */
  readonly refuse = new Set<string>();
  private server?: SMTPServer;
  private waiters: (() => void)[] = [];

  private constructor(readonly port: number) {}

  static async start(port?: number): Promise<SmtpRelay> {
    const relay = new SmtpRelay(port ?? (await freePort()));
    await relay.up();
    return relay;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 100,
      size: 30 * 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        if (this.refuse.has(address.address.toLowerCase())) {
          const err = new Error('5.1.1 Recipient address rejected: user unknown') as Error & {
            responseCode: number;
          };
          err.responseCode = 550;
          callback(err);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          void PostalMime.parse(raw).then((parsed) => {
            this.mails.push({
              envelopeTo,
              raw,
              parsed,
              header: (name) => parsed.headers.find((h) => h.key === name.toLowerCase())?.value,
            });
            for (const wake of this.waiters.splice(0)) wake();
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Stops listening (and drops open connections): the relay is down. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Mail that arrived for this address. */
  to(address: string): ArrivedMail[] {
    return this.mails.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  /** Waits until at least `count` mails have arrived in all. */
  async waitFor(count: number, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.mails.length < count) {
      const left = until - Date.now();
      if (left <= 0) throw new Error(`expected ${count} mails, ${this.mails.length} arrived`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
