import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA warnings get a retention period (90 days), like every other category of data: a warning
 * names who was warned about which ticket and when. The index lets the sweep find old ones.
 */
export class SlaWarningRetention1796452767057 implements MigrationInterface {
  name = 'SlaWarningRetention1796452767057';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_sla_warnings_created" ON "sla_warnings" ("created_at")`);
    await queryRunner.query(
      `INSERT INTO "retention_policies" ("category", "days") VALUES ('sla_warnings', 90) ON CONFLICT DO NOTHING`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "retention_policies" WHERE "category" = 'sla_warnings'`);
    await queryRunner.query(`DROP INDEX "ix_sla_warnings_created"`);
  }
}
