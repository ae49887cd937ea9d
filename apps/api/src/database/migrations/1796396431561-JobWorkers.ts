import { MigrationInterface, QueryRunner } from 'typeorm';

/** Job workers' heartbeats: the job lease no longer reads pg_stat_activity, so it works behind poolers. */
export class JobWorkers1796396431561 implements MigrationInterface {
  name = 'JobWorkers1796396431561';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "job_workers" (
                "worker_id" uuid NOT NULL,
                "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_job_workers" PRIMARY KEY ("worker_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_workers"`);
  }
}
