import { MigrationInterface, QueryRunner } from "typeorm";

const TEXT_ONLY = `to_tsvector('english', "subject" || ' ' || "description")`;
const WITH_EQUIPMENT = `to_tsvector('english', "subject" || ' ' || "description" || ' ' || COALESCE("equipment_asset_tag", '') || ' ' || COALESCE("equipment_model", '') || ' ' || COALESCE("equipment_serial_number", ''))`;

/**
 * Ticket search finds equipment (asset tag, model, serial number: into the ticket's stored
 * vector, which is rebuilt) and requester and organisation names. Names are matched at query time
 * through GIN indexes on people and organisations, so a rectified or erased name needs no
 * rewrite of tickets. TypeORM records a generated column's expression in typeorm_metadata, under
 * the database's own name.
 */
export class SearchByEquipmentAndNames1796344151942 implements MigrationInterface {
    name = 'SearchByEquipmentAndNames1796344151942'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await this.replaceVector(queryRunner, WITH_EQUIPMENT);
        await queryRunner.query(
            `CREATE INDEX "ix_people_name_search" ON "people" USING gin (to_tsvector('simple', COALESCE("full_name", '')))`,
        );
        await queryRunner.query(
            `CREATE INDEX "ix_organisations_name_search" ON "organisations" USING gin (to_tsvector('simple', "name"))`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_organisations_name_search"`);
        await queryRunner.query(`DROP INDEX "public"."ix_people_name_search"`);
        await this.replaceVector(queryRunner, TEXT_ONLY);
    }

    private async replaceVector(queryRunner: QueryRunner, expression: string): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_tickets_search"`);
        await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "search_vector"`);
        await queryRunner.query(
            `DELETE FROM "typeorm_metadata"
              WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_vector' AND "database" = current_database()
                AND "schema" = 'public' AND "table" = 'tickets'`,
        );
        await queryRunner.query(
            `ALTER TABLE "tickets" ADD "search_vector" tsvector GENERATED ALWAYS AS (${expression}) STORED NOT NULL`,
        );
        await queryRunner.query(
            `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
             VALUES (current_database(), 'public', 'tickets', 'GENERATED_COLUMN', 'search_vector', $1)`,
            [expression],
        );
        await queryRunner.query(`CREATE INDEX "ix_tickets_search" ON "tickets" USING gin ("search_vector")`);
    }
}
