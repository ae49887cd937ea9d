import { MigrationInterface, QueryRunner } from "typeorm";

export class DsarDownloadAccess1796345115226 implements MigrationInterface {
    name = 'DsarDownloadAccess1796345115226'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dsar_releases"
            ADD "access" character varying(16) NOT NULL DEFAULT 'sign_in'
        `);
        await queryRunner.query(`
            ALTER TABLE "dsar_releases"
            ADD "code_hash" bytea
        `);
        await queryRunner.query(`
            ALTER TABLE "dsar_releases"
            ADD "code_used_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "dsar_releases"
            ADD "code_failures" smallint NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "dsar_releases"
            ADD CONSTRAINT "ck_dsar_releases_access" CHECK ("access" IN ('sign_in', 'one_time_code'))
        `);
        // Links released before this worked for anyone holding them. A portal request's link now
        // needs its requester signed in; any other's needs a one-time code, which has none yet:
        // it stays closed until the DPO gives one (POST /dsar/:id/download-code).
        await queryRunner.query(`
            UPDATE "dsar_releases" r SET "access" = 'one_time_code'
              FROM "dsar_requests" d
             WHERE d."id" = r."dsar_id" AND d."requester_user_id" IS NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "dsar_releases" DROP CONSTRAINT "ck_dsar_releases_access"
        `);
        await queryRunner.query(`
            ALTER TABLE "dsar_releases" DROP COLUMN "code_failures"
        `);
        await queryRunner.query(`
            ALTER TABLE "dsar_releases" DROP COLUMN "code_used_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "dsar_releases" DROP COLUMN "code_hash"
        `);
        await queryRunner.query(`
            ALTER TABLE "dsar_releases" DROP COLUMN "access"
        `);
    }

}
