import { MigrationInterface, QueryRunner } from 'typeorm';

/** Access requests, erasures and their rescans look tickets up by contact phone. */
export class TicketContactPhoneIndex1796359558413 implements MigrationInterface {
  name = 'TicketContactPhoneIndex1796359558413';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "ix_tickets_contact_phone" ON "tickets" ("contact_phone") WHERE "contact_phone" IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_tickets_contact_phone"`);
  }
}
