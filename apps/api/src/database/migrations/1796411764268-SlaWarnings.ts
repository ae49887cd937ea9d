import { MigrationInterface, QueryRunner } from 'typeorm';

/** SLA warnings sent in the app, one per ticket, clock, kind and deadline; and the at-risk index the job scans. */
export class SlaWarnings1796411764268 implements MigrationInterface {
  name = 'SlaWarnings1796411764268';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "sla_warnings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ticket_id" uuid NOT NULL,
                "clock" character varying(20) NOT NULL,
                "kind" character varying(20) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "assignee_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_sla_warnings_clock" CHECK ("clock" IN ('firstResponse', 'resolution')),
                CONSTRAINT "ck_sla_warnings_kind" CHECK ("kind" IN ('atRisk', 'breached')),
                CONSTRAINT "pk_sla_warnings" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sla_warnings_once" ON "sla_warnings" ("ticket_id", "clock", "kind", "due_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_sla_warnings_assignee_created" ON "sla_warnings" ("assignee_id", "created_at")`,
    );
    await queryRunner.query(`
            ALTER TABLE "sla_warnings" ADD CONSTRAINT "fk_sla_warnings_ticket" FOREIGN KEY ("ticket_id")
            REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sla_warnings" ADD CONSTRAINT "fk_sla_warnings_assignee" FOREIGN KEY ("assignee_id")
            REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(
      `CREATE INDEX "ix_tickets_next_at_risk" ON "tickets" ("next_at_risk_at") WHERE "next_at_risk_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_tickets_next_at_risk"`);
    await queryRunner.query(`DROP TABLE "sla_warnings"`);
  }
}
