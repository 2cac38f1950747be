import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763888400000 implements MigrationInterface {
  name = 'InitialSchema1763888400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL, "username" character varying(64) NOT NULL, "email" character varying(320), "password_hash" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_abaa9e068cdd390bc5210f79884" UNIQUE ("token_hash"), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "sessions_user_id_idx" ON "sessions" ("user_id")`);
    await q.query(
      `CREATE TABLE "gateways" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "secret_hash" character(64) NOT NULL, "secret_ciphertext" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_1b54317b9dd1bbe499b41d0a2c0" UNIQUE ("secret_hash"), CONSTRAINT "PK_b53153080a6907017cf44cb7f58" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "gateways_user_id_idx" ON "gateways" ("user_id", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gateways"`);
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`DROP TABLE "users"`);
  }
}
