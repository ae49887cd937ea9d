import { MigrationInterface, QueryRunner } from 'typeorm';

/** Macros (canned replies): personal ones have an owner, shared ones none. */
export class Macros1796408000382 implements MigrationInterface {
  name = 'Macros1796408000382';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "macros" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "owner_id" uuid,
                "title" character varying(120) NOT NULL,
                "body" text NOT NULL,
                "actions" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_macros_title" CHECK (
                    length(title) BETWEEN 1 AND 120
                ),
                CONSTRAINT "pk_macros" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_macros_owner_title" ON "macros" ("owner_id", "title")
        `);
    await queryRunner.query(`
            ALTER TABLE "macros"
            ADD CONSTRAINT "fk_macros_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "macros" DROP CONSTRAINT "fk_macros_owner"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_macros_owner_title"
        `);
    await queryRunner.query(`
            DROP TABLE "macros"
        `);
  }
}
