import type { ClientBase } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { pgTypes } from './timestamptz';

/** The one DataSource definition, shared by the app and the migration CLI. Never `synchronize`. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    extra: {
      max: poolSize,
      // pg closes a connection idle for 10 s by default, and with it the statements prepared on it:
      // after any quiet spell the next burst paid for new backends and planning again.
      idleTimeoutMillis: 5 * 60_000,
      types: pgTypes,
      application_name: 'hushdesk',
      // JIT compiling pays off for long analytical queries, not for ours: it added up to 1.3 s to a
      // search at 1M tickets while saving nothing on the short queue and ticket queries. Set on
      // each new connection rather than as a startup `options`, which PgBouncer refuses.
      onConnect: (client: ClientBase) => client.query('SET jit = off'),
    },
  };
}

/** For the TypeORM CLI (`npm run migration:*`), which reads DATABASE_URL. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/hushdesk'));

/** A command-line tool's own small pool, named so `pg_stat_activity` tells it from the API's. */
export function commandLineDataSource(url: string, applicationName: string): DataSource {
  const options = dataSourceOptions(url, 2);
  return new DataSource({
    ...options,
    extra: { ...(options.extra as object), application_name: applicationName },
  } as DataSourceOptions);
}
