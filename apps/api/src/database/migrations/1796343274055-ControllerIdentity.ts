import { MigrationInterface, QueryRunner } from "typeorm";

export class ControllerIdentity1796343274055 implements MigrationInterface {
    name = 'ControllerIdentity1796343274055'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "controller_identity" (
                "id" smallint NOT NULL,
                "name" text NOT NULL,
                "address" text NOT NULL,
                "dpo_name" text,
                "dpo_email" text NOT NULL,
                "dpo_phone" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_by_id" uuid,
                CONSTRAINT "ck_controller_identity_single_row" CHECK ("id" = 1),
                CONSTRAINT "pk_controller_identity" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "controller_identity"
            ADD CONSTRAINT "fk_controller_identity_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "controller_identity" DROP CONSTRAINT "fk_controller_identity_updated_by"
        `);
        await queryRunner.query(`
            DROP TABLE "controller_identity"
        `);
    }

}
