import { MigrationInterface, QueryRunner } from "typeorm";

export class QueueFilters1795337181153 implements MigrationInterface {
    name = 'QueueFilters1795337181153'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "ix_tickets_assignee_priority" ON "tickets" ("assignee_id", "priority")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_tickets_assignee_priority"
        `);
    }

}
