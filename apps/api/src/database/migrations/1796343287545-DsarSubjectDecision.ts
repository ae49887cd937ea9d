import { MigrationInterface, QueryRunner } from "typeorm";

export class DsarSubjectDecision1796343287545 implements MigrationInterface {
    name = 'DsarSubjectDecision1796343287545'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dsar_requests"
            ADD "subject_decision" character varying(8)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dsar_requests" DROP COLUMN "subject_decision"
        `);
    }

}
