/**
 * Identifier-index lookup time at scale: `npm run bench:index -- --messages 1000000`.
 *
 * Fills the real schema's identifier_mentions with three entries per message (fillers hashed in
 * SQL), plants 200 people's identifiers (hashed with the app's real key) across 20 messages each,
 * then times IdentifierIndex.lookup for one person by email, phone and name together.
 */
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildAppConfig } from '../../apps/api/src/config/app-config';
import { validateEnvironment } from '../../apps/api/src/config/environment';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';
import { AttachmentRedactionRepository } from '../../apps/api/src/attachments/attachment-redaction.repository';
import { Transactions } from '../../apps/api/src/database/transactions';
import { MessageRedactionRepository } from '../../apps/api/src/messages/message-redaction.repository';
import { PersonPrivacyRepository } from '../../apps/api/src/people/person-privacy.repository';
import { IdentifierIndex } from '../../apps/api/src/privacy/identifier-index.service';
import { IdentifierMentionsRepository } from '../../apps/api/src/privacy/identifier-mentions.repository';
import { RecordingsRepository } from '../../apps/api/src/recordings/recordings.repository';
import { TicketLookupRepository } from '../../apps/api/src/tickets/ticket-lookup.repository';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MESSAGES = arg('messages', 1_000_000);
const PEOPLE = 200;
const MENTIONS_EACH = 20;
const SAMPLES = arg('samples', 500);
const server =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (s: string) => process.stdout.write(`${s}\n`);

async function main() {
  const name = `hushdesk_bench_index_${process.pid}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    const ds = new DataSource(dataSourceOptions(url.toString(), 4));
    await ds.initialize();
    await ds.runMigrations();
    const vars = validateEnvironment({
      IDENTIFIER_HMAC_KEY: 'bench-key-bench-key-bench-key-bench-key-0123',
      JWT_SECRET: 'x'.repeat(40),
    });
    const index = new IdentifierIndex(
      new Transactions(ds),
      new IdentifierMentionsRepository(ds),
      new PersonPrivacyRepository(ds),
      new TicketLookupRepository(ds),
      new MessageRedactionRepository(ds),
      new RecordingsRepository(ds),
      new AttachmentRedactionRepository(ds),
      buildAppConfig(vars, url.toString(), { embedded: false }),
    );

    say(`Filling the index for ${MESSAGES.toLocaleString()} messages…`);
    const t0 = Date.now();
    await ds.query(`ALTER TABLE identifier_mentions SET UNLOGGED`);
    for (let from = 1; from <= MESSAGES; from += 250_000) {
      const to = Math.min(MESSAGES, from + 249_999);
      await ds.query(
        `INSERT INTO identifier_mentions (kind, hash, source_type, source_id, ticket_id)
         SELECT k.kind, sha256(convert_to(k.kind || ':' || (g::bigint * 7919 % 3000000), 'UTF8')), 'message', gen_random_uuid(), NULL
           FROM generate_series($1::int, $2::int) g
           CROSS JOIN (VALUES ('email'), ('phone'), ('name')) k(kind)`,
        [from, to],
      );
    }
    // The people we will look up, each mentioned in 20 messages, hashed exactly as the app does.
    const people = Array.from({ length: PEOPLE }, (_, i) => ({
      email: `person${i}@bench.example`,
      phone: `+4477009${String(i).padStart(5, '0')}`,
      name: `bench person ${i}`,
    }));
    for (const p of people) {
      const rows: unknown[] = [];
      for (let m = 0; m < MENTIONS_EACH; m++) {
        const kind = (['email', 'phone', 'name'] as const)[m % 3];
        const value = kind === 'email' ? p.email : kind === 'phone' ? p.phone : p.name;
        rows.push(kind, index.hash(kind, value));
      }
      const placeholders = Array.from(
        { length: MENTIONS_EACH },
        (_, i) => `($${i * 2 + 1}, $${i * 2 + 2}, 'message', gen_random_uuid())`,
      );
      await ds.query(
        `INSERT INTO identifier_mentions (kind, hash, source_type, source_id) VALUES ${placeholders.join(', ')}`,
        rows,
      );
    }
    await ds.query('ALTER TABLE identifier_mentions SET LOGGED');
    await ds.query('ANALYZE identifier_mentions');
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM identifier_mentions');
    say(`  ${n.toLocaleString()} index entries in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const ms: number[] = [];
    let found = 0;
    for (let i = 0; i < SAMPLES + 20; i++) {
      const p = people[i % PEOPLE];
      const start = performance.now();
      const hits = await index.lookup({
        emails: [p.email],
        phones: [p.phone.replace('+44', '0')],
        names: [p.name],
      });
      if (i >= 20) ms.push(performance.now() - start);
      found = hits.length;
    }
    ms.sort((a, b) => a - b);
    const pct = (q: number) => ms[Math.min(ms.length - 1, Math.ceil((q / 100) * ms.length) - 1)].toFixed(2);
    say('');
    say(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    );
    say('');
    say(
      '| index entries | messages | lookup (email + phone + name) p50 ms | p95 ms | p99 ms | mentions found |',
    );
    say('| ---: | ---: | ---: | ---: | ---: | ---: |');
    say(
      `| ${n.toLocaleString()} | ${MESSAGES.toLocaleString()} | ${pct(50)} | ${pct(95)} | ${pct(99)} | ${found} |`,
    );
    await ds.destroy();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
