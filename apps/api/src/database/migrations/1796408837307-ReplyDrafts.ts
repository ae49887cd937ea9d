import { MigrationInterface, QueryRunner } from 'typeorm';

/** Engineers' unsent replies, kept per ticket for the `reply_drafts` retention period (30 days). */
export class ReplyDrafts1796408837307 implements MigrationInterface {
  name = 'ReplyDrafts1796408837307';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reply_drafts" (
                "user_id" uuid NOT NULL,
                "ticket_id" uuid NOT NULL,
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "body" text NOT NULL,
                "visibility" character varying(10) NOT NULL,
                "saved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_reply_drafts_visibility" CHECK ("visibility" IN ('public', 'internal')),
                CONSTRAINT "pk_reply_drafts" PRIMARY KEY ("user_id", "ticket_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reply_drafts_saved_at" ON "reply_drafts" ("saved_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_reply_drafts_id" ON "reply_drafts" ("id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reply_drafts_ticket" ON "reply_drafts" ("ticket_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_drafts"
            ADD CONSTRAINT "fk_reply_drafts_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_drafts"
            ADD CONSTRAINT "fk_reply_drafts_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(
      `INSERT INTO "retention_policies" ("category", "days") VALUES ('reply_drafts', 30)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "retention_policies" WHERE "category" = 'reply_drafts'`);
    await queryRunner.query(`
            ALTER TABLE "reply_drafts" DROP CONSTRAINT "fk_reply_drafts_ticket"
        `);
    await queryRunner.query(`
            ALTER TABLE "reply_drafts" DROP CONSTRAINT "fk_reply_drafts_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reply_drafts_ticket"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_reply_drafts_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reply_drafts_saved_at"
        `);
    await queryRunner.query(`
            DROP TABLE "reply_drafts"
        `);
  }
}
