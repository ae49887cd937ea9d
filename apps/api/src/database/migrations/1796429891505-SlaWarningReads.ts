import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which staff member has read which SLA warning, kept on the server so every device agrees. */
export class SlaWarningReads1796429891505 implements MigrationInterface {
  name = 'SlaWarningReads1796429891505';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "sla_warning_reads" (
                "warning_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "read_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_sla_warning_reads" PRIMARY KEY ("warning_id", "user_id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "ix_sla_warning_reads_user" ON "sla_warning_reads" ("user_id")`);
    await queryRunner.query(`
            ALTER TABLE "sla_warning_reads" ADD CONSTRAINT "fk_sla_warning_reads_warning" FOREIGN KEY ("warning_id")
            REFERENCES "sla_warnings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sla_warning_reads" ADD CONSTRAINT "fk_sla_warning_reads_user" FOREIGN KEY ("user_id")
            REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sla_warning_reads"`);
  }
}
