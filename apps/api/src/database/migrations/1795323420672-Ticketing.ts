import { MigrationInterface, QueryRunner } from "typeorm";

export class Ticketing1795323420672 implements MigrationInterface {
    name = 'Ticketing1795323420672'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "ticket_groups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(100) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_ticket_groups" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_ticket_groups_name" ON "ticket_groups" ("name")
        `);
        await queryRunner.query(`
            CREATE TABLE "tickets" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "reference" BIGSERIAL NOT NULL,
                "type" character varying(20) NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'new',
                "priority" character varying(2) NOT NULL DEFAULT 'P3',
                "category" character varying(40),
                "subject" character varying(200) NOT NULL,
                "description" text NOT NULL,
                "requester_id" uuid NOT NULL,
                "created_by_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "assignee_id" uuid,
                "group_id" uuid,
                "tags" text array NOT NULL DEFAULT '{}',
                "equipment_asset_tag" character varying(100),
                "equipment_model" character varying(200),
                "equipment_serial_number" character varying(100),
                "equipment_location" character varying(300),
                "contact_phone" character varying(32),
                "first_response_due_at" TIMESTAMP WITH TIME ZONE,
                "first_response_at_risk_at" TIMESTAMP WITH TIME ZONE,
                "resolution_due_at" TIMESTAMP WITH TIME ZONE,
                "resolution_at_risk_at" TIMESTAMP WITH TIME ZONE,
                "next_due_at" TIMESTAMP WITH TIME ZONE,
                "next_at_risk_at" TIMESTAMP WITH TIME ZONE,
                "sla_paused_at" TIMESTAMP WITH TIME ZONE,
                "first_responded_at" TIMESTAMP WITH TIME ZONE,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_tickets_priority" CHECK ("priority" IN ('P1', 'P2', 'P3', 'P4')),
                CONSTRAINT "ck_tickets_status" CHECK (
                    "status" IN (
                        'new',
                        'open',
                        'pending_customer',
                        'on_hold',
                        'resolved',
                        'closed'
                    )
                ),
                CONSTRAINT "ck_tickets_type" CHECK ("type" IN ('fault', 'service_request')),
                CONSTRAINT "pk_tickets" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_tickets_organisation_created" ON "tickets" ("organisation_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_tickets_requester_created" ON "tickets" ("requester_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_tickets_reference" ON "tickets" ("reference")
        `);
        await queryRunner.query(`
            CREATE TABLE "attachments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ticket_id" uuid NOT NULL,
                "uploaded_by_id" uuid NOT NULL,
                "file_name" character varying(255) NOT NULL,
                "content_type" character varying(100) NOT NULL,
                "size_bytes" integer NOT NULL,
                "blob_key" character varying(100) NOT NULL,
                "sha256" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_attachments" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_attachments_blob_key" ON "attachments" ("blob_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_attachments_ticket" ON "attachments" ("ticket_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "ticket_messages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ticket_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "visibility" character varying(10) NOT NULL,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_ticket_messages_visibility" CHECK ("visibility" IN ('public', 'internal')),
                CONSTRAINT "pk_ticket_messages" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_ticket_messages_ticket_created" ON "ticket_messages" ("ticket_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "ticket_history" (
                "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
                "ticket_id" uuid NOT NULL,
                "actor_id" uuid,
                "field" character varying(20) NOT NULL,
                "from_value" text,
                "to_value" text,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_ticket_history" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_ticket_history_ticket_at" ON "ticket_history" ("ticket_id", "at")
        `);
        await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD "shared_ticket_visibility" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "fk_tickets_requester" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "fk_tickets_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "fk_tickets_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "fk_tickets_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "fk_tickets_group" FOREIGN KEY ("group_id") REFERENCES "ticket_groups"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments"
            ADD CONSTRAINT "fk_attachments_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments"
            ADD CONSTRAINT "fk_attachments_uploaded_by" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages"
            ADD CONSTRAINT "fk_ticket_messages_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages"
            ADD CONSTRAINT "fk_ticket_messages_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_history"
            ADD CONSTRAINT "fk_ticket_history_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_history"
            ADD CONSTRAINT "fk_ticket_history_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        // Queue order: the running SLA deadline first, tickets with no running clock last.
        await queryRunner.query(`CREATE INDEX "ix_tickets_queue" ON "tickets" ((COALESCE("next_due_at", 'infinity'::timestamptz)), "id")`);
        await queryRunner.query(`CREATE INDEX "ix_tickets_status_queue" ON "tickets" ("status", (COALESCE("next_due_at", 'infinity'::timestamptz)), "id")`);
        await queryRunner.query(`CREATE INDEX "ix_tickets_assignee_queue" ON "tickets" ("assignee_id", (COALESCE("next_due_at", 'infinity'::timestamptz)), "id")`);
        await queryRunner.query(`CREATE INDEX "ix_tickets_group_queue" ON "tickets" ("group_id", (COALESCE("next_due_at", 'infinity'::timestamptz)), "id")`);
        // Full-text search over subjects, descriptions and message bodies.
        await queryRunner.query(`CREATE INDEX "ix_tickets_search" ON "tickets" USING gin (to_tsvector('english', "subject" || ' ' || "description"))`);
        await queryRunner.query(`CREATE INDEX "ix_ticket_messages_search" ON "ticket_messages" USING gin (to_tsvector('english', "body"))`);
        await queryRunner.query(`INSERT INTO "ticket_groups" ("name") VALUES ('Service desk'), ('Network operations'), ('Field engineering')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const index of ['ix_ticket_messages_search', 'ix_tickets_search', 'ix_tickets_group_queue', 'ix_tickets_assignee_queue', 'ix_tickets_status_queue', 'ix_tickets_queue']) {
            await queryRunner.query(`DROP INDEX "public"."${index}"`);
        }
        await queryRunner.query(`
            ALTER TABLE "ticket_history" DROP CONSTRAINT "fk_ticket_history_actor"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_history" DROP CONSTRAINT "fk_ticket_history_ticket"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages" DROP CONSTRAINT "fk_ticket_messages_author"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages" DROP CONSTRAINT "fk_ticket_messages_ticket"
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments" DROP CONSTRAINT "fk_attachments_uploaded_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments" DROP CONSTRAINT "fk_attachments_ticket"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "fk_tickets_group"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "fk_tickets_assignee"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "fk_tickets_organisation"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "fk_tickets_created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "fk_tickets_requester"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisations" DROP COLUMN "shared_ticket_visibility"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_ticket_history_ticket_at"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_history"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_ticket_messages_ticket_created"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_messages"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_attachments_ticket"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_attachments_blob_key"
        `);
        await queryRunner.query(`
            DROP TABLE "attachments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_tickets_reference"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_tickets_requester_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_tickets_organisation_created"
        `);
        await queryRunner.query(`
            DROP TABLE "tickets"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_ticket_groups_name"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_groups"
        `);
    }

}
