// `node scripts/bench-mail-imap.mjs [--messages 10000]`: the IMAP part of `npm run bench:mail`
// (test/bench/mail-imap.ts): a Dovecot mailbox of 10,000 messages imported at >= 50 mails/s.
// Needs Dovecot (`apt-get install -y dovecot-imapd`; .ci/run installs it) and the local PostgreSQL
// (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { run, tsEnv, tsNode } from './lib.mjs';

await run('node', tsNode('test/bench/mail-imap.ts', process.argv.slice(2)), { env: tsEnv });
