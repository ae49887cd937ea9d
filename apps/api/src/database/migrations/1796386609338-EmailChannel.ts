import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The email channel: mailboxes, imported mail and its receipts, the outbox, undeliverable
 * addresses, staff mail choices; the channel of tickets and messages; raw mail's retention period.
 */
export class EmailChannel1796386609338 implements MigrationInterface {
    name = 'EmailChannel1796386609338'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "mailboxes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(100) NOT NULL,
                "host" character varying(255) NOT NULL,
                "port" integer NOT NULL,
                "tls" boolean NOT NULL DEFAULT true,
                "username" character varying(320) NOT NULL,
                "auth" character varying(10) NOT NULL DEFAULT 'password',
                "secret" bytea NOT NULL,
                "folder" character varying(255) NOT NULL DEFAULT 'INBOX',
                "paused_at" TIMESTAMP WITH TIME ZONE,
                "last_polled_at" TIMESTAMP WITH TIME ZONE,
                "last_error" character varying(500),
                "last_error_at" TIMESTAMP WITH TIME ZONE,
                "uid_validity" bigint,
                "last_uid" bigint NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_mailboxes_auth" CHECK ("auth" IN ('password', 'oauth2')),
                CONSTRAINT "pk_mailboxes" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_mailboxes_account_folder" ON "mailboxes" ("host", "port", "username", "folder")
        `);
        await queryRunner.query(`
            CREATE TABLE "mail_quarantine" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "mailbox_id" uuid NOT NULL,
                "uid_validity" bigint NOT NULL,
                "uid" bigint NOT NULL,
                "size_bytes" bigint NOT NULL,
                "reason" character varying(40) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_mail_quarantine" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_mail_quarantine_mailbox_uid" ON "mail_quarantine" ("mailbox_id", "uid_validity", "uid")
        `);
        await queryRunner.query(`
            CREATE TABLE "mail_outbox" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(30) NOT NULL,
                "ticket_id" uuid,
                "ticket_message_id" uuid,
                "recipient_user_id" uuid,
                "status" character varying(16) NOT NULL DEFAULT 'queued',
                "note" character varying(300),
                "to_address" character varying(320),
                "subject" character varying(998),
                "body_text" text,
                "body_html" text,
                "message_id" character varying(998),
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_mail_outbox_kind" CHECK (
                    "kind" IN (
                        'ticket_received',
                        'public_reply',
                        'ticket_resolved',
                        'new_ticket',
                        'ticket_assigned'
                    )
                ),
                CONSTRAINT "ck_mail_outbox_status" CHECK (
                    "status" IN ('queued', 'sent', 'kept', 'suppressed', 'failed')
                ),
                CONSTRAINT "pk_mail_outbox" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_mail_outbox_ticket" ON "mail_outbox" ("ticket_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_mail_outbox_recipient" ON "mail_outbox" ("recipient_user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_mail_outbox_created" ON "mail_outbox" ("created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_mail_outbox_due" ON "mail_outbox" ("next_attempt_at")
            WHERE "status" = 'queued'
        `);
        await queryRunner.query(`
            CREATE TABLE "mail_subscriptions" (
                "user_id" uuid NOT NULL,
                "new_tickets" boolean NOT NULL DEFAULT false,
                "assigned_tickets" boolean NOT NULL DEFAULT false,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_mail_subscriptions" PRIMARY KEY ("user_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "email_messages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ticket_id" uuid NOT NULL,
                "ticket_message_id" uuid,
                "source" character varying(10) NOT NULL,
                "mailbox_id" uuid,
                "message_key" bytea NOT NULL,
                "message_id" character varying(998),
                "in_reply_to" character varying(998),
                "references" text array NOT NULL DEFAULT '{}',
                "from_address" character varying(320),
                "from_name" character varying(200),
                "to_addresses" text array NOT NULL DEFAULT '{}',
                "cc_addresses" text array NOT NULL DEFAULT '{}',
                "subject" character varying(998),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "quoted_text" text,
                "signature" text,
                "rejected_attachments" jsonb NOT NULL DEFAULT '[]',
                "raw_blob_key" character varying(64),
                "raw_bytes" integer NOT NULL,
                "raw_expires_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_email_messages_source" CHECK ("source" IN ('smtp', 'imap')),
                CONSTRAINT "pk_email_messages" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_email_messages_from" ON "email_messages" ("from_address")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_email_messages_raw_expiry" ON "email_messages" ("raw_expires_at")
            WHERE "raw_blob_key" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_email_messages_message_key" ON "email_messages" ("message_key")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_email_messages_ticket_message" ON "email_messages" ("ticket_message_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_email_messages_ticket" ON "email_messages" ("ticket_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "mail_receipts" (
                "message_key" bytea NOT NULL,
                "outcome" character varying(20) NOT NULL,
                "ticket_id" uuid,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_mail_receipts_outcome" CHECK (
                    "outcome" IN (
                        'ticket',
                        'reply',
                        'auto_reply',
                        'bounce',
                        'own_mail',
                        'rejected'
                    )
                ),
                CONSTRAINT "pk_mail_receipts" PRIMARY KEY ("message_key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "undeliverable_addresses" (
                "hash" bytea NOT NULL,
                "status" character varying(20),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_undeliverable_addresses" PRIMARY KEY ("hash")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD "holds_email_contacts" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "channel" character varying(10) NOT NULL DEFAULT 'portal'
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages"
            ADD "channel" character varying(10) NOT NULL DEFAULT 'portal'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisations_email_contacts" ON "organisations" ("holds_email_contacts")
            WHERE "holds_email_contacts"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD CONSTRAINT "ck_organisations_email_contacts_private" CHECK (
                    NOT "holds_email_contacts"
                    OR NOT "shared_ticket_visibility"
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "ck_tickets_channel" CHECK ("channel" IN ('portal', 'phone', 'email'))
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages"
            ADD CONSTRAINT "ck_ticket_messages_channel" CHECK ("channel" IN ('portal', 'email'))
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_quarantine"
            ADD CONSTRAINT "fk_mail_quarantine_mailbox" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD CONSTRAINT "fk_mail_outbox_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD CONSTRAINT "fk_mail_outbox_ticket_message" FOREIGN KEY ("ticket_message_id") REFERENCES "ticket_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD CONSTRAINT "fk_mail_outbox_recipient" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_subscriptions"
            ADD CONSTRAINT "fk_mail_subscriptions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "email_messages"
            ADD CONSTRAINT "fk_email_messages_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "email_messages"
            ADD CONSTRAINT "fk_email_messages_ticket_message" FOREIGN KEY ("ticket_message_id") REFERENCES "ticket_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "email_messages"
            ADD CONSTRAINT "fk_email_messages_mailbox" FOREIGN KEY ("mailbox_id") REFERENCES "mailboxes"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_receipts"
            ADD CONSTRAINT "fk_mail_receipts_ticket" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        // Tickets an engineer logged for someone else came by phone.
        await queryRunner.query(`UPDATE "tickets" SET "channel" = 'phone' WHERE "created_by_id" <> "requester_id"`);
        await queryRunner.query(`INSERT INTO "retention_policies" ("category", "days") VALUES ('raw_emails', 30)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "retention_policies" WHERE "category" = 'raw_emails'`);
        await queryRunner.query(`
            ALTER TABLE "mail_receipts" DROP CONSTRAINT "fk_mail_receipts_ticket"
        `);
        await queryRunner.query(`
            ALTER TABLE "email_messages" DROP CONSTRAINT "fk_email_messages_mailbox"
        `);
        await queryRunner.query(`
            ALTER TABLE "email_messages" DROP CONSTRAINT "fk_email_messages_ticket_message"
        `);
        await queryRunner.query(`
            ALTER TABLE "email_messages" DROP CONSTRAINT "fk_email_messages_ticket"
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_subscriptions" DROP CONSTRAINT "fk_mail_subscriptions_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP CONSTRAINT "fk_mail_outbox_recipient"
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP CONSTRAINT "fk_mail_outbox_ticket_message"
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP CONSTRAINT "fk_mail_outbox_ticket"
        `);
        await queryRunner.query(`
            ALTER TABLE "mail_quarantine" DROP CONSTRAINT "fk_mail_quarantine_mailbox"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages" DROP CONSTRAINT "ck_ticket_messages_channel"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "ck_tickets_channel"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisations" DROP CONSTRAINT "ck_organisations_email_contacts_private"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_organisations_email_contacts"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_messages" DROP COLUMN "channel"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "channel"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisations" DROP COLUMN "holds_email_contacts"
        `);
        await queryRunner.query(`
            DROP TABLE "undeliverable_addresses"
        `);
        await queryRunner.query(`
            DROP TABLE "mail_receipts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_email_messages_ticket"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_email_messages_ticket_message"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_email_messages_message_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_email_messages_raw_expiry"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_email_messages_from"
        `);
        await queryRunner.query(`
            DROP TABLE "email_messages"
        `);
        await queryRunner.query(`
            DROP TABLE "mail_subscriptions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_mail_outbox_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_mail_outbox_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_mail_outbox_recipient"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_mail_outbox_ticket"
        `);
        await queryRunner.query(`
            DROP TABLE "mail_outbox"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_mail_quarantine_mailbox_uid"
        `);
        await queryRunner.query(`
            DROP TABLE "mail_quarantine"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_mailboxes_account_folder"
        `);
        await queryRunner.query(`
            DROP TABLE "mailboxes"
        `);
    }

}
