import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source';
import { SchemaMigrator } from './schema-migrator';
import { Transactions } from './transactions';

/**
 * The connection pool, migrations and transactions. Global like configuration and logging: every
 * feature's repositories need it, and nothing outside repositories may use it directly.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string, poolSize: number): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, poolSize))],
      providers: [Transactions, SchemaMigrator],
      exports: [Transactions, SchemaMigrator],
    };
  }
}
