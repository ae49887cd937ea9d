import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Files attached to a reply draft before it is sent. Whatever deletes a row (the author, the
 * cascade from the draft's expiry or erasure, the ticket or account going) queues its blob in the
 * deletion outbox in the same transaction; moving a file onto the ticket takes its key off again.
 */
export class ReplyDraftFiles1796429918641 implements MigrationInterface {
    name = 'ReplyDraftFiles1796429918641'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "reply_draft_files" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "ticket_id" uuid NOT NULL,
                "file_name" character varying(255) NOT NULL,
                "content_type" character varying(100) NOT NULL,
                "size_bytes" integer NOT NULL,
                "blob_key" character varying(100) NOT NULL,
                "sha256" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_reply_draft_files" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_reply_draft_files_blob_key" ON "reply_draft_files" ("blob_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_reply_draft_files_draft" ON "reply_draft_files" ("user_id", "ticket_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "reply_draft_files"
            ADD CONSTRAINT "fk_reply_draft_files_draft" FOREIGN KEY ("user_id", "ticket_id") REFERENCES "reply_drafts"("user_id", "ticket_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE FUNCTION reply_draft_files_queue_blob() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO blob_deletions (blob_key) VALUES (OLD.blob_key)
                    ON CONFLICT (blob_key) DO UPDATE SET not_before = now();
                RETURN OLD;
            END $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER reply_draft_files_queue_blob AFTER DELETE ON "reply_draft_files"
            FOR EACH ROW EXECUTE FUNCTION reply_draft_files_queue_blob()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER reply_draft_files_queue_blob ON "reply_draft_files"`);
        await queryRunner.query(`DROP FUNCTION reply_draft_files_queue_blob()`);
        await queryRunner.query(`
            ALTER TABLE "reply_draft_files" DROP CONSTRAINT "fk_reply_draft_files_draft"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_reply_draft_files_draft"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_reply_draft_files_blob_key"
        `);
        await queryRunner.query(`
            DROP TABLE "reply_draft_files"
        `);
    }

}
