import { MigrationInterface, QueryRunner } from 'typeorm';

/** An admin's password reset: the account must choose a new password before it may do anything else. */
export class PasswordChangeRequired1796407660786 implements MigrationInterface {
  name = 'PasswordChangeRequired1796407660786';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users" ADD "password_change_required" boolean NOT NULL DEFAULT false
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "password_change_required"`);
  }
}
