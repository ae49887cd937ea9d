/**
 * Queue and search latency on a generated helpdesk: `npm run bench:queue -- --tickets 100000`.
 *
 * Creates a scratch database (on BENCH_DATABASE_URL, else DATABASE_URL, else the local server at
 * 127.0.0.1:5432), applies the real migrations, generates organisations, customers, engineers,
 * tickets and messages in SQL, boots the real app and times its HTTP routes. Prints a table; it
 * is a script, not a test, and asserts nothing.
 */
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { UsersService } from '../../apps/api/src/users/users.service';
import { scratchApp } from './scratch-app';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TICKETS = arg('tickets', 100_000);
const MESSAGES_PER_TICKET = arg('messages', 3);
const SAMPLES = arg('samples', 300);
const say = (s: string) => process.stdout.write(`${s}\n`);

/** Everything in SQL: the words repeat, so searches hit realistic posting-list sizes. */
async function generate(url: string) {
  const c = new Client({ connectionString: url });
  c.on('error', () => undefined); // a dropped connection surfaces as the failing query's error
  await c.connect();
  const t0 = Date.now();
  await c.query(`
    INSERT INTO organisations (name) SELECT 'Customer org ' || g FROM generate_series(1, 1000) g;
    INSERT INTO people (full_name, email)
      SELECT 'Customer ' || g, 'customer' || g || '@bench.example' FROM generate_series(1, 10000) g;
    CREATE TEMP TABLE orgn AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM organisations;
    INSERT INTO users (person_id, organisation_id, role, password_hash)
      SELECT p.id, o.id, 'customer', 'x'
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM people WHERE email LIKE 'customer%@bench.example') p
        JOIN orgn o ON o.n = p.n % 1000;
    INSERT INTO people (full_name, email)
      SELECT 'Engineer ' || g, 'engineer' || g || '@bench.example' FROM generate_series(1, 50) g;
    INSERT INTO users (person_id, role, password_hash)
      SELECT id, 'engineer', 'x' FROM people WHERE email LIKE 'engineer%@bench.example';`);
  await c.query(`
    CREATE TEMP TABLE cust AS SELECT row_number() OVER () AS n, id, organisation_id FROM users WHERE role = 'customer';
    CREATE TEMP TABLE eng AS SELECT row_number() OVER () AS n, id FROM users WHERE role = 'engineer';
    CREATE TEMP TABLE words AS SELECT unnest(ARRAY['handset','dial','tone','router','broadband','outage','mailbox',
      'password','vpn','firewall','printer','laptop','teams','latency','packet','loss','sip','trunk','porting',
      'number','voicemail','switch','wifi','access','licence','backup','server','certificate','dns','email']) AS w;
    CREATE TEMP TABLE wl AS SELECT row_number() OVER () AS n, w FROM words;`);
  await c.query(
    `INSERT INTO tickets (type, status, priority, category, subject, description, requester_id, created_by_id,
        organisation_id, assignee_id, group_id, tags, first_response_due_at, first_response_at_risk_at,
        resolution_due_at, resolution_at_risk_at, next_due_at, next_at_risk_at, sla_paused_at, first_responded_at,
        resolved_at, closed_at, created_at, updated_at, equipment_asset_tag, equipment_model,
        equipment_serial_number)
     SELECT CASE WHEN g % 3 = 0 THEN 'service_request' ELSE 'fault' END,
            s.status,
            'P' || (1 + g % 4),
            NULL,
            initcap((SELECT w FROM wl WHERE n = 1 + g % 30)) || ' ' || (SELECT w FROM wl WHERE n = 1 + (g / 30) % 30)
              || ' issue at site ' || (g % 500),
            'Customer reports ' || (SELECT w FROM wl WHERE n = 1 + (g * 7) % 30) || ' and '
              || (SELECT w FROM wl WHERE n = 1 + (g * 13) % 30) || ' problems since ' || (g % 28 + 1) || ' Nov. Ref ' || g,
            cu.id, cu.id, cu.organisation_id,
            CASE WHEN g % 5 = 0 THEN NULL ELSE (SELECT id FROM eng WHERE n = 1 + g % 50) END,
            NULL, '{}',
            created + interval '4 hours', created + interval '3 hours',
            created + interval '3 days', created + interval '2 days',
            CASE WHEN s.status IN ('pending_customer','resolved','closed') THEN NULL
                 ELSE created + interval '4 hours' + (g % 7) * interval '1 day' END,
            CASE WHEN s.status IN ('pending_customer','resolved','closed') THEN NULL
                 ELSE created + interval '3 hours' + (g % 7) * interval '1 day' END,
            CASE WHEN s.status = 'pending_customer' THEN created + interval '1 hour' END,
            CASE WHEN g % 2 = 0 THEN created + interval '30 minutes' END,
            CASE WHEN s.status IN ('resolved','closed') THEN created + interval '2 days' END,
            CASE WHEN s.status = 'closed' THEN created + interval '9 days' END,
            created, created,
            CASE WHEN g % 3 <> 0 THEN 'AT-' || lpad(g::text, 6, '0') END,
            CASE WHEN g % 3 <> 0 THEN (ARRAY['Yealink T54W','Polycom VVX 450','Cisco 8841','Draytek Vigor 2865',
              'Ubiquiti U6 Pro','HP LaserJet M404','Dell Latitude 5440','FortiGate 60F','Grandstream GXP2170',
              'Netgear GS308'])[1 + g % 10] END,
            CASE WHEN g % 3 <> 0 THEN 'SN' || upper(substr(md5(g::text), 1, 10)) END
       FROM generate_series(1, $1::int) g
       CROSS JOIN LATERAL (SELECT (ARRAY['new','open','open','pending_customer','on_hold','resolved','closed','closed','closed','closed'])[1 + g % 10] AS status,
                                  now() - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute' AS created) s
       JOIN cust cu ON cu.n = 1 + g % 10000`,
    [TICKETS],
  );
  await c.query(
    `INSERT INTO ticket_messages (ticket_id, author_id, visibility, body, created_at)
     SELECT t.id, CASE WHEN m % 2 = 0 THEN t.requester_id ELSE COALESCE(t.assignee_id, t.requester_id) END,
            CASE WHEN m = 3 THEN 'internal' ELSE 'public' END,
            'Update ' || m || ': checked the ' || (SELECT w FROM wl WHERE n = 1 + (m * 11 + length(t.subject)) % 30)
              || ' and the ' || (SELECT w FROM wl WHERE n = 1 + (m * 17 + length(t.description)) % 30) || ' again.',
            t.created_at + m * interval '1 hour'
       FROM tickets t CROSS JOIN generate_series(1, $1::int) m`,
    [MESSAGES_PER_TICKET],
  );
  await c.query('ANALYZE');
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  await c.end();
  return secs;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(baseUrl: string, auth: string, path: string) {
  const ms: number[] = [];
  let items = 0;
  for (let i = 0; i < SAMPLES + 10; i++) {
    const start = performance.now();
    const res = await fetch(baseUrl + path, { headers: { authorization: auth } });
    const body = (await res.json()) as { items?: unknown[] };
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    if (i >= 10) ms.push(performance.now() - start); // the first ten warm caches up
    items = body.items?.length ?? 0;
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), items };
}

async function main() {
  const { app, url, baseUrl, close } = await scratchApp('queue');
  try {
    say(
      `Generating ${TICKETS.toLocaleString()} tickets and ${(TICKETS * MESSAGES_PER_TICKET).toLocaleString()} messages…`,
    );
    const genSecs = await generate(url);
    say(`  done in ${genSecs} s`);

    const users = app.get(UsersService);
    const engineer = await users.create({
      email: 'bench.engineer@bench.example',
      password: 'steady-lanterns-on-the-quay-4417',
      role: 'engineer',
      person: { fullName: 'Bench Engineer' },
    });
    const db = app.get(DataSource);
    const [aCustomer] = await db.query("SELECT id FROM users WHERE role = 'customer' LIMIT 1");
    await db.query(
      "UPDATE people SET email = 'bench.customer@bench.example' WHERE id = (SELECT person_id FROM users WHERE id = $1)",
      [aCustomer.id],
    );
    await db.query(
      'UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE id = $1) WHERE id = $2',
      [engineer.id, aCustomer.id],
    );
    const login = async (email: string) => {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'steady-lanterns-on-the-quay-4417' }),
      });
      return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
    };
    const staff = await login('bench.engineer@bench.example');
    const customer = await login('bench.customer@bench.example');
    const [{ id: anEngineer }] = await db.query(
      'SELECT assignee_id AS id FROM tickets WHERE assignee_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    );

    // A fault of the signed-in customer: its asset tag and serial number, and their organisation's name.
    const [serial] = await db.query(
      `SELECT t.equipment_asset_tag AS asset, t.equipment_serial_number AS serial, o.name AS org
         FROM tickets t JOIN organisations o ON o.id = t.organisation_id
        WHERE t.requester_id = $1 AND t.equipment_serial_number IS NOT NULL LIMIT 1`,
      [aCustomer.id],
    );
    const scenarios: [string, string, string][] = [
      ['queue, all tickets, by next due', staff, '/api/tickets?limit=25'],
      ['queue, status=open', staff, '/api/tickets?limit=25&status=open'],
      ['queue, one engineer', staff, `/api/tickets?limit=25&assigneeId=${anEngineer}`],
      ['queue, unassigned + P1', staff, '/api/tickets?limit=25&assigneeId=unassigned&priority=P1'],
      ['queue, SLA breached', staff, '/api/tickets?limit=25&sla=breached'],
      ['search, common words', staff, '/api/tickets?limit=25&q=router%20outage'],
      ['search, rare term', staff, '/api/tickets?limit=25&q=%22Ref%2077777%22'],
      ['search, by reference', staff, '/api/tickets?limit=25&q=HD-000042'],
      ['search, asset tag', staff, `/api/tickets?limit=25&q=${serial.asset}`],
      ['search, serial number', staff, `/api/tickets?limit=25&q=${serial.serial}`],
      ['search, model (1 fault in 10)', staff, '/api/tickets?limit=25&q=Polycom%20VVX%20450'],
      ['search, requester name', staff, '/api/tickets?limit=25&q=Customer%204242'],
      ['search, organisation name', staff, '/api/tickets?limit=25&q=Customer%20org%20417'],
      ['customer, my tickets', customer, '/api/tickets?limit=25'],
      ['customer, search, common words', customer, '/api/tickets?limit=25&q=router%20outage'],
      [
        'customer, search, own organisation',
        customer,
        `/api/tickets?limit=25&q=${encodeURIComponent(serial.org)}`,
      ],
    ];
    say('');
    say(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    );
    say(
      `Data: ${TICKETS.toLocaleString()} tickets, ${(TICKETS * MESSAGES_PER_TICKET).toLocaleString()} messages; ${SAMPLES} sequential requests each, over HTTP`,
    );
    say('');
    say('| scenario | p50 ms | p95 ms | p99 ms | items |');
    say('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, auth, path] of scenarios) {
      const r = await time(baseUrl, auth, path);
      say(`| ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.items} |`);
    }
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
