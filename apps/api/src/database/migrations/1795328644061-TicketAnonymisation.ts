import { MigrationInterface, QueryRunner } from "typeorm";

export class TicketAnonymisation1795328644061 implements MigrationInterface {
    name = 'TicketAnonymisation1795328644061'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "anonymised_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "anonymised_at"
        `);
    }

}
