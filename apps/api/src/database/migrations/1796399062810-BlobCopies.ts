import { MigrationInterface, QueryRunner } from 'typeorm';

/** The ledger of `npm run blobs:migrate`, so a stopped copy between blob stores resumes where it was. */
export class BlobCopies1796399062810 implements MigrationInterface {
  name = 'BlobCopies1796399062810';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "blob_copies" (
                "target" character varying(300) NOT NULL,
                "blob_key" character varying(100) NOT NULL,
                "size_bytes" bigint,
                "sha256" bytea,
                "verified_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_blob_copies" PRIMARY KEY ("target", "blob_key")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_blob_copies_pending" ON "blob_copies" ("target", "blob_key") WHERE "verified_at" IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_blob_copies_pending"`);
    await queryRunner.query(`DROP TABLE "blob_copies"`);
  }
}
