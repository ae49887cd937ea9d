import { MigrationInterface, QueryRunner } from "typeorm";

export class OwnedBlobs1796301405514 implements MigrationInterface {
    name = 'OwnedBlobs1796301405514'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "blob_deletions"
            ADD "not_before" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "blob_deletions" DROP COLUMN "not_before"
        `);
    }

}
