const { Client } = require('pg');

module.exports = async function globalTeardown() {
  const run = globalThis.__HUSHDESK_TEST_RUN__;
  if (run) {
    const client = new Client({ connectionString: run.serverUrl });
    await client.connect();
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `hushdesk_t_${run.runId}_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
  }
  await globalThis.__HUSHDESK_EMBEDDED__?.stop();
};
