import { Injectable, Logger } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { relative } from 'node:path';
import { AppConfig } from '../config/app-config';
import { PasswordHasher } from '../auth/password-hasher.service';
import { Transactions } from '../database/transactions';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { DemoHelpdesk, type DemoAccounts } from './demo-helpdesk.service';
import { DemoSeedRepository } from './demo-seed.repository';

export const DEMO_ORGANISATION = 'Acme Ltd';
export const DEFAULT_DEMO_PASSWORD = 'hushdesk';

/** One login per role. These are fictional demo accounts, not personal data. */
export const DEMO_ACCOUNTS: readonly { email: string; role: Role; fullName: string }[] = [
  { email: 'customer@hushdesk.local', role: 'customer', fullName: 'Alex Morgan' },
  { email: 'engineer@hushdesk.local', role: 'engineer', fullName: 'Sam Patel' },
  { email: 'dpo@hushdesk.local', role: 'dpo', fullName: 'Priya Shah' },
  { email: 'admin@hushdesk.local', role: 'admin', fullName: 'Jordan Lee' },
];

/** Where each role lands, for the start-up block. */
const LANDS_ON: Record<Role, string> = {
  customer: 'the customer portal',
  engineer: 'the engineer console',
  dpo: 'the privacy office',
  admin: 'administration',
};

/**
 * Demo mode: an empty database gets Acme Ltd and one account per role, and (unless
 * HUSHDESK_DEMO_DATA=0) a small living helpdesk. Runs when the embedded database is used, or with
 * HUSHDESK_DEMO=1; never in production, and never touches a database that already has accounts.
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger(DemoSeed.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly seeding: DemoSeedRepository,
    private readonly accounts: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly helpdesk: DemoHelpdesk,
    private readonly config: AppConfig,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    if (!this.config.demo.enabled) return false;
    const passwordHash = await this.passwords.hash(this.config.demo.password);
    const accounts = await this.transactions.run(async (tx): Promise<DemoAccounts | null> => {
      // Serialise concurrent starts; the second one then sees the accounts and does nothing.
      await this.seeding.lockSeeding(tx);
      if ((await this.accounts.countAll(tx)) > 0) return null;
      const org = await this.organisations.create(DEMO_ORGANISATION, tx);
      const ids = {} as Record<Role, string>;
      for (const account of DEMO_ACCOUNTS) {
        ids[account.role] = await this.users.insert(tx, {
          email: account.email,
          role: account.role,
          passwordHash,
          organisationId: account.role === 'customer' ? org.id : undefined,
          person: { fullName: account.fullName },
        });
      }
      return { organisationId: org.id, users: ids, passwordHash };
    });
    if (!accounts) return false;
    this.logger.log('Seeded the demo organisation and one account per role');
    if (this.config.demo.data) {
      const started = Date.now();
      // After the accounts commit, through the real services: a crash part-way leaves a smaller
      // demo, never a second one (the accounts exist, so nothing is seeded again).
      const summary = await this.helpdesk.seed(accounts);
      this.logger.log({ msg: 'Seeded the demo helpdesk', ...summary, ms: Date.now() - started });
    }
    return true;
  }

  /**
   * The last thing `npm start` prints: where Hushdesk is, the logins, and how to stop. Straight to
   * stdout, because the log stream masks emails, which would hide the logins.
   */
  printLogins(baseUrl: string, mailIntake: { host: string; port: number } | null = null): void {
    if (!this.config.demo.enabled) return;
    process.stdout.write(
      loginBlock({
        baseUrl,
        mailIntake,
        password: process.env.HUSHDESK_DEMO_PASSWORD ? null : this.config.demo.password,
        logFile: this.config.logFile ? relative(process.cwd(), this.config.logFile) : null,
        dataDir: relative(process.cwd(), this.config.dataDir) || this.config.dataDir,
        sampleData: this.config.demo.data,
      }),
    );
  }
}

/** The start-up block, in plain words. */
export function loginBlock(o: {
  baseUrl: string;
  /** Null when the operator chose it (HUSHDESK_DEMO_PASSWORD): never echoed. */
  password: string | null;
  logFile: string | null;
  dataDir: string;
  sampleData: boolean;
  /** Where the SMTP intake listens, when it is on. */
  mailIntake?: { host: string; port: number } | null;
}): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return [
    '',
    `  Hushdesk is ready: ${o.baseUrl}`,
    '',
    o.password
      ? `  Sign in as any of these, with the password ${o.password}:`
      : '  Sign in as any of these, with the password you set in HUSHDESK_DEMO_PASSWORD:',
    ...DEMO_ACCOUNTS.map(
      (a) =>
        `    ${(a.role === 'dpo' ? 'DPO' : a.role).padEnd(9)} ${a.email.padEnd(width)}   ${LANDS_ON[a.role]}`,
    ),
    '',
    ...(o.sampleData
      ? ['  The demo has tickets in every state, logged calls and a data-subject request to explore.']
      : []),
    ...(o.mailIntake ? [...mailIntakeLines(o.mailIntake), ''] : []),
    ...(o.logFile ? [`  Logs go to ${o.logFile}.`] : []),
    `  To stop Hushdesk, press Ctrl+C. Your data stays in ${o.dataDir}; delete it to start afresh.`,
    '',
  ].join('\n');
}

/** How to reach the SMTP intake and send it a test mail, from a fresh clone. */
export function mailIntakeLines(intake: { host: string; port: number }): string[] {
  const port = intake.port === 2525 ? '' : ` --port ${intake.port}`;
  return [
    `  Email intake: smtp://${intake.host}:${intake.port}. Send a test mail (it becomes a ticket):`,
    `    npm run mail:send -- --from you@example.com --subject "Printer jammed"${port}`,
  ];
}
