import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Field policies may now take only the collection values a field can honour
 * (`collectionChoices` in libs/privacy): an email, a caller number and an attachment's file name
 * are always collected, and a full name cannot be switched off. An override that set one of
 * these anyway (it was never enforced, yet the privacy notice left the field out) falls back to
 * the default, with an emptied purpose list, which only went with "off", dropped too.
 */
export class FieldCollectionChoices1796344054111 implements MigrationInterface {
    name = 'FieldCollectionChoices1796344054111'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "field_policy_overrides"
               SET "patch" = CASE WHEN "patch"->'purposes' = '[]'::jsonb
                                  THEN "patch" - 'collection' - 'purposes'
                                  ELSE "patch" - 'collection' END,
                   "updated_at" = now()
             WHERE ("field" IN ('person.email', 'recording.callerNumber', 'attachment.fileName')
                    AND "patch"->>'collection' <> 'required')
                OR ("field" = 'person.fullName' AND "patch"->>'collection' = 'off')
        `);
    }

    public async down(): Promise<void> {
        // The values it replaced were never honoured; there is nothing to restore.
    }

}
