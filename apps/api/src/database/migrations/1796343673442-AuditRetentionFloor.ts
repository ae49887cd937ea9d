import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Audit history cannot be cut short: an audit retention under one year is raised to a year (the
 * change shows as made by no one, now), and the database refuses a lower one from then on. Each
 * expiry's checkpoint keeps the policy that made it happen, for verification to report.
 */
export class AuditRetentionFloor1796343673442 implements MigrationInterface {
    name = 'AuditRetentionFloor1796343673442'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "audit_checkpoints"
            ADD "older_than" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_checkpoints"
            ADD "retention_days" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_checkpoints"
            ADD "policy_set_by_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_checkpoints"
            ADD "policy_set_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            UPDATE "retention_policies" SET "days" = 365, "updated_by_id" = NULL, "updated_at" = now()
             WHERE "category" = 'audit' AND "days" < 365
        `);
        await queryRunner.query(`
            ALTER TABLE "retention_policies"
            ADD CONSTRAINT "ck_retention_policies_audit_floor" CHECK (
                    "category" <> 'audit'
                    OR "days" >= 365
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "retention_policies" DROP CONSTRAINT "ck_retention_policies_audit_floor"
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_checkpoints" DROP COLUMN "policy_set_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_checkpoints" DROP COLUMN "policy_set_by_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_checkpoints" DROP COLUMN "retention_days"
        `);
        await queryRunner.query(`
            ALTER TABLE "audit_checkpoints" DROP COLUMN "older_than"
        `);
    }

}
