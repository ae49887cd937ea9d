// A process of its own that takes one mailbox lease and keeps it until killed, for tests that
// kill a lease holder: `node -r @swc-node/register test/support/mailbox-lease-holder.ts <url> <mailbox id>`.
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { MailboxLeaseRepository } from '../../apps/api/src/mail/mailboxes/mailbox-lease.repository';
import type { DataSource } from 'typeorm';

const [databaseUrl, mailboxId] = process.argv.slice(2);
// The lease opens its own connection from the URL; it needs neither the app's pool nor more config.
const leases = new MailboxLeaseRepository({} as DataSource, { databaseUrl } as AppConfig);
void leases.take(mailboxId).then((lease) => {
  process.stdout.write(lease ? 'held\n' : 'refused\n');
  setInterval(() => undefined, 60_000);
});
