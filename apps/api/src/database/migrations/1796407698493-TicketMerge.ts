import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Merging duplicates: a merged ticket points at the one it went into, and each moved message,
 * file, call and history entry keeps the ticket it came from, for DSARs and erasure.
 */
export class TicketMerge1796407698493 implements MigrationInterface {
    name = 'TicketMerge1796407698493'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "merged_into_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "merged_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "recordings"
            ADD "merged_from_ticket_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments"
            ADD "merged_from_ticket_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages"
            ADD "merged_from_ticket_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_history"
            ADD "merged_from_ticket_id" uuid
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_tickets_merged_into" ON "tickets" ("merged_into_id")
            WHERE "merged_into_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_recordings_merged_from" ON "recordings" ("merged_from_ticket_id")
            WHERE "merged_from_ticket_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_attachments_merged_from" ON "attachments" ("merged_from_ticket_id")
            WHERE "merged_from_ticket_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_ticket_messages_merged_from" ON "ticket_messages" ("merged_from_ticket_id")
            WHERE "merged_from_ticket_id" IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "fk_tickets_merged_into" FOREIGN KEY ("merged_into_id") REFERENCES "tickets"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "recordings"
            ADD CONSTRAINT "fk_recordings_merged_from" FOREIGN KEY ("merged_from_ticket_id") REFERENCES "tickets"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments"
            ADD CONSTRAINT "fk_attachments_merged_from" FOREIGN KEY ("merged_from_ticket_id") REFERENCES "tickets"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages"
            ADD CONSTRAINT "fk_ticket_messages_merged_from" FOREIGN KEY ("merged_from_ticket_id") REFERENCES "tickets"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "ticket_messages" DROP CONSTRAINT "fk_ticket_messages_merged_from"
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments" DROP CONSTRAINT "fk_attachments_merged_from"
        `);
        await queryRunner.query(`
            ALTER TABLE "recordings" DROP CONSTRAINT "fk_recordings_merged_from"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "fk_tickets_merged_into"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_ticket_messages_merged_from"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_attachments_merged_from"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_recordings_merged_from"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_tickets_merged_into"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_history" DROP COLUMN "merged_from_ticket_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages" DROP COLUMN "merged_from_ticket_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments" DROP COLUMN "merged_from_ticket_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "recordings" DROP COLUMN "merged_from_ticket_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "merged_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "merged_into_id"
        `);
    }

}
