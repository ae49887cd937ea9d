import { Injectable, Logger } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { PasswordHasher } from '../auth/password-hasher';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UsersService } from '../users/users.service';

export const DEMO_ORGANISATION = 'Acme Ltd';
export const DEFAULT_DEMO_PASSWORD = 'hushdesk';

/** One login per role. These are fictional demo accounts, not personal data. */
export const DEMO_ACCOUNTS: readonly { email: string; role: Role; fullName: string }[] = [
  { email: 'customer@hushdesk.local', role: 'customer', fullName: 'Alex Morgan' },
  { email: 'engineer@hushdesk.local', role: 'engineer', fullName: 'Sam Patel' },
  { email: 'dpo@hushdesk.local', role: 'dpo', fullName: 'Priya Shah' },
  { email: 'admin@hushdesk.local', role: 'admin', fullName: 'Jordan Lee' },
];

/**
 * Demo mode: an empty database gets Acme Ltd and one account per role. Runs when the embedded
 * database is used, or with HUSHDESK_DEMO=1; never touches a database that already has accounts.
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger(DemoSeed.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly config: AppConfig,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    if (!this.config.demo.enabled) return false;
    const passwordHash = await this.passwords.hash(this.config.demo.password);
    return this.dataSource.transaction(async (manager) => {
      // Serialise concurrent starts; the second one then sees the accounts and does nothing.
      await manager.query('SELECT pg_advisory_xact_lock(74198302)');
      const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM users');
      if (count > 0) return false;
      const org = await manager.save(manager.create(OrganisationEntity, { name: DEMO_ORGANISATION }));
      for (const account of DEMO_ACCOUNTS) {
        await this.users.insert(manager, {
          email: account.email,
          role: account.role,
          passwordHash,
          organisationId: account.role === 'customer' ? org.id : undefined,
          person: { fullName: account.fullName },
        });
      }
      this.logger.log('Seeded the demo organisation and one account per role');
      return true;
    });
  }

  /** Printed straight to stdout: the log stream masks emails, which would hide the logins. */
  printLogins(baseUrl: string): void {
    if (!this.config.demo.enabled) return;
    const lines = [
      '',
      `  Hushdesk is running at ${baseUrl}`,
      '  Demo logins (password: ' +
        (process.env.HUSHDESK_DEMO_PASSWORD ? '$HUSHDESK_DEMO_PASSWORD' : this.config.demo.password) +
        '):',
      ...DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(9)} ${a.email}`),
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
}
