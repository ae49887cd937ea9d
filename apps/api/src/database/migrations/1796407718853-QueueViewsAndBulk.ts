import { MigrationInterface, QueryRunner } from 'typeorm';

/** Shards per status in `ticket_status_counts`: concurrent writers seldom share a row. */
const SHARDS = 16;

/**
 * Saved views, bulk changes (for their one undo) and a counts table kept by statement triggers on
 * `tickets`, so the queue's per-status counts cost a read of a few rows instead of index scans.
 * The triggers run in the writer's transaction, so the counts commit (or roll back) with it.
 */

export class QueueViewsAndBulk1796407718853 implements MigrationInterface {
  name = 'QueueViewsAndBulk1796407718853';

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "ticket_bulk_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "actor_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ticket_ids" uuid array NOT NULL,
                "undone_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_ticket_bulk_changes" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "ticket_status_counts" (
                "status" character varying(20) NOT NULL,
                "shard" smallint NOT NULL,
                "n" bigint NOT NULL DEFAULT '0',
                CONSTRAINT "pk_ticket_status_counts" PRIMARY KEY ("status", "shard")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "ticket_views" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "owner_id" uuid,
                "name" character varying(60) NOT NULL,
                "filters" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_ticket_views" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_ticket_views_owner" ON "ticket_views" ("owner_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_bulk_changes"
            ADD CONSTRAINT "fk_ticket_bulk_changes_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_views"
            ADD CONSTRAINT "fk_ticket_views_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Deltas are applied in status order, so two writers lock shared rows in the same order.
        await queryRunner.query(`
            CREATE FUNCTION "ticket_status_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                INSERT INTO ticket_status_counts (status, shard, n)
                  SELECT status, (pg_backend_pid() % ${SHARDS})::smallint, count(*) FROM new_rows
                   GROUP BY status ORDER BY status
                ON CONFLICT (status, shard) DO UPDATE SET n = ticket_status_counts.n + EXCLUDED.n;
              ELSIF TG_OP = 'DELETE' THEN
                INSERT INTO ticket_status_counts (status, shard, n)
                  SELECT status, (pg_backend_pid() % ${SHARDS})::smallint, -count(*) FROM old_rows
                   GROUP BY status ORDER BY status
                ON CONFLICT (status, shard) DO UPDATE SET n = ticket_status_counts.n + EXCLUDED.n;
              ELSE
                INSERT INTO ticket_status_counts (status, shard, n)
                  SELECT status, (pg_backend_pid() % ${SHARDS})::smallint, sum(d) FROM (
                    SELECT status, -1 AS d FROM old_rows UNION ALL SELECT status, 1 FROM new_rows) c
                   GROUP BY status HAVING sum(d) <> 0 ORDER BY status
                ON CONFLICT (status, shard) DO UPDATE SET n = ticket_status_counts.n + EXCLUDED.n;
              END IF;
              RETURN NULL;
            END $$
        `);
        await queryRunner.query(`
            CREATE FUNCTION "ticket_status_counts_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN DELETE FROM ticket_status_counts; RETURN NULL; END $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "tr_tickets_status_counts_insert" AFTER INSERT ON "tickets"
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_status_counts_apply()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "tr_tickets_status_counts_update" AFTER UPDATE ON "tickets"
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_status_counts_apply()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "tr_tickets_status_counts_delete" AFTER DELETE ON "tickets"
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_status_counts_apply()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "tr_tickets_status_counts_truncate" AFTER TRUNCATE ON "tickets"
            FOR EACH STATEMENT EXECUTE FUNCTION ticket_status_counts_clear()
        `);
        // No write may slip between the count and the triggers taking over.
        await queryRunner.query(`LOCK TABLE "tickets" IN SHARE MODE`);
        await queryRunner.query(`
            INSERT INTO ticket_status_counts (status, shard, n) SELECT status, 0, count(*) FROM tickets GROUP BY status
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const op of ['insert', 'update', 'delete', 'truncate']) {
            await queryRunner.query(`DROP TRIGGER "tr_tickets_status_counts_${op}" ON "tickets"`);
        }
        await queryRunner.query(`DROP FUNCTION "ticket_status_counts_apply"()`);
        await queryRunner.query(`DROP FUNCTION "ticket_status_counts_clear"()`);
        await queryRunner.query(`
            ALTER TABLE "ticket_views" DROP CONSTRAINT "fk_ticket_views_owner"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_bulk_changes" DROP CONSTRAINT "fk_ticket_bulk_changes_actor"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_ticket_views_owner"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_views"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_status_counts"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_bulk_changes"
        `);
    }

}
