import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business hours, bank holidays and SLA targets as an admin saved them: one row at most. Until
 * one is saved, the environment's values (SLA_BANK_HOLIDAYS, SLA_TARGETS) apply.
 */
export class SlaSettings1796409665257 implements MigrationInterface {
  name = 'SlaSettings1796409665257';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "sla_settings" (
                "id" smallint NOT NULL,
                "opening_time" character varying(5) NOT NULL,
                "closing_time" character varying(5) NOT NULL,
                "working_days" smallint array NOT NULL,
                "bank_holidays" text array NOT NULL,
                "targets" jsonb NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_by_id" uuid,
                CONSTRAINT "ck_sla_settings_single_row" CHECK ("id" = 1),
                CONSTRAINT "pk_sla_settings" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "sla_settings"
            ADD CONSTRAINT "fk_sla_settings_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sla_settings"`);
  }
}
