import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who belongs to each ticket group, and the group an SLA warning went to: a warning reaches the
 * assignee and the group's members, and every engineer only when it had neither.
 */
export class GroupMembers1796419767372 implements MigrationInterface {
  name = 'GroupMembers1796419767372';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "ticket_group_members" (
                "group_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                CONSTRAINT "pk_ticket_group_members" PRIMARY KEY ("group_id", "user_id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "ix_ticket_group_members_user" ON "ticket_group_members" ("user_id")`);
    await queryRunner.query(`
            ALTER TABLE "ticket_group_members" ADD CONSTRAINT "fk_ticket_group_members_group" FOREIGN KEY ("group_id")
            REFERENCES "ticket_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ticket_group_members" ADD CONSTRAINT "fk_ticket_group_members_user" FOREIGN KEY ("user_id")
            REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`ALTER TABLE "sla_warnings" ADD "group_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "sla_warnings" ADD "to_all_engineers" boolean NOT NULL DEFAULT false`,
    );
    // Until now a warning without an assignee went to every engineer.
    await queryRunner.query(`UPDATE "sla_warnings" SET "to_all_engineers" = true WHERE "assignee_id" IS NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_sla_warnings_group_created" ON "sla_warnings" ("group_id", "created_at")`,
    );
    await queryRunner.query(`
            ALTER TABLE "sla_warnings" ADD CONSTRAINT "fk_sla_warnings_group" FOREIGN KEY ("group_id")
            REFERENCES "ticket_groups"("id") ON DELETE SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sla_warnings" DROP CONSTRAINT "fk_sla_warnings_group"`);
    await queryRunner.query(`DROP INDEX "ix_sla_warnings_group_created"`);
    await queryRunner.query(`ALTER TABLE "sla_warnings" DROP COLUMN "to_all_engineers"`);
    await queryRunner.query(`ALTER TABLE "sla_warnings" DROP COLUMN "group_id"`);
    await queryRunner.query(`DROP TABLE "ticket_group_members"`);
  }
}
