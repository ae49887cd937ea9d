// Checks of what the seed wrote against the app's own code: the identifier index on a sample of
// texts and people (IdentifierIndex), and the whole audit chain (AuditService.verify).
import { say } from '../bench-common.mjs';
import { verifyAuditChain } from './audit.mjs';

/**
 * Recomputes the index entries of a sample of texts and people with the app's IdentifierIndex
 * (emails, phones, and known people's names) and compares them with what the seed wrote. Half the
 * texts are drawn from all texts, half from those with entries, so mentions are always checked.
 */
export async function verifyIndexSample(c, { index, manager, privacy }, sample) {
  const q = async (sql, params) => (await c.query(sql, params)).rows;
  const per = Math.max(1, Math.floor(sample / 2));
  const estimate = async (table) =>
    Number((await q('SELECT reltuples::int8 AS n FROM pg_class WHERE oid = $1::regclass', [table]))[0].n);
  const pct = (n) => Math.min(100, Math.max(0.001, ((per * 2) / Math.max(1, n)) * 100)).toFixed(3);
  const mentionPct = pct((await estimate('identifier_mentions')) / 8);
  /** `text(a)`: the text the app indexes, from the row aliased `a`. */
  const texts = async (type, table, text) =>
    q(
      `(SELECT '${type}' AS type, a.id, ${text('a')} AS text FROM ${table} a TABLESAMPLE SYSTEM (${pct(await estimate(table))}) LIMIT ${per})
       UNION
       (SELECT '${type}', a.id, ${text('a')} FROM identifier_mentions im TABLESAMPLE SYSTEM (${mentionPct})
          JOIN ${table} a ON a.id = im.source_id WHERE im.source_type = '${type}' LIMIT ${Math.ceil(per / 4)})`,
    );
  const sources = [
    ...(await texts('message', 'ticket_messages', (a) => `${a}.body`)),
    ...(await texts('ticket', 'tickets', (a) => `${a}.subject || E'\\n' || ${a}.description`)),
  ];
  const people = await q(
    `SELECT id, full_name, name_key, email, phone FROM people TABLESAMPLE SYSTEM (${pct(await estimate('people'))}) LIMIT ${per}`,
  );
  const key = (kind, hash) => `${kind}:${hash.toString('hex')}`;
  const stored = new Map();
  const ids = [...sources.map((s) => s.id), ...people.map((p) => p.id)];
  for (const r of await q(
    'SELECT source_type, source_id, kind, hash FROM identifier_mentions WHERE source_id = ANY($1)',
    [ids],
  )) {
    const k = `${r.source_type}:${r.source_id}`;
    stored.set(k, [...(stored.get(k) ?? []), key(r.kind, r.hash)].sort());
  }
  const problems = [];
  const kinds = { email: 0, phone: 0, name: 0 };
  for (const s of sources) {
    const found = await index.identifiersIn(manager, s.text);
    const expected = found.map((f) => key(f.kind, index.hash(f.kind, f.normalised))).sort();
    const got = stored.get(`${s.type}:${s.id}`) ?? [];
    for (const f of found) kinds[f.kind]++;
    if (expected.join() !== got.join())
      problems.push(`${s.type} ${s.id}: expected ${JSON.stringify(found)}, stored ${got.length}`);
  }
  for (const p of people) {
    // As IdentifierIndex.indexPerson: email, phone when it is one, name.
    const phone = p.phone ? privacy.normalisePhone(p.phone) : null;
    const expected = [
      ...(p.email ? [key('email', index.hash('email', privacy.normaliseEmail(p.email)))] : []),
      ...(phone ? [key('phone', index.hash('phone', phone))] : []),
      ...(p.full_name ? [key('name', index.hash('name', privacy.normaliseName(p.full_name)))] : []),
    ].sort();
    const got = stored.get(`person:${p.id}`) ?? [];
    if (p.name_key !== privacy.normaliseName(p.full_name))
      problems.push(`person ${p.id}: name_key ${p.name_key}`);
    if (expected.join() !== got.join()) problems.push(`person ${p.id}: index entries differ`);
  }
  say(
    `  checked ${sources.length} texts (mentions found: ${kinds.email} emails, ${kinds.phone} phones, ` +
      `${kinds.name} names) and ${people.length} people: ${problems.length} differences`,
  );
  if (problems.length) {
    for (const p of problems.slice(0, 10)) say(`    ${p}`);
    throw new Error('the seeded identifier index differs from what the app would write');
  }
}

/** The whole trail through AuditService.verify; throws unless every entry holds. */
export async function verifyAudit(c, expected, log = say) {
  const result = await verifyAuditChain(c);
  log(`  audit chain: ${JSON.stringify(result)}`);
  if (!result.ok || result.entries !== expected) {
    throw new Error(`the seeded audit chain does not verify (expected ${expected} entries)`);
  }
  return result;
}
