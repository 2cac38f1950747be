import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Teams own gateways (issue 12). Every user who owns a gateway gets a personal team, of which they are
 * the owner, and their gateways move into it: each stays reachable by the same user with the same
 * secret. Users without gateways get their personal team when they first need one.
 */
export class Teams1764200000000 implements MigrationInterface {
  name = 'Teams1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "teams" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "personal_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a23c9d0fb94e67882bab4ff9453" UNIQUE ("personal_user_id"), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "team_members" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "team_members_role_check" CHECK ("role" IN ('viewer', 'member', 'admin', 'owner')), CONSTRAINT "PK_1d3c06a8217a8785e2af0ec4ab8" PRIMARY KEY ("team_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "team_members_user_id_idx" ON "team_members" ("user_id")`);
    await q.query(
      `ALTER TABLE "team_members" ADD CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "team_members" ADD CONSTRAINT "FK_c2bf4967c8c2a6b845dadfbf3d4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Existing gateways move into their creator's personal team.
    await q.query(`ALTER TABLE "gateways" ADD "team_id" uuid`);
    await q.query(
      `INSERT INTO "teams" ("id", "name", "personal_user_id")
       SELECT gen_random_uuid(), 'Personal', "owner" FROM (SELECT DISTINCT "user_id" AS "owner" FROM "gateways") o`,
    );
    await q.query(
      `INSERT INTO "team_members" ("team_id", "user_id", "role")
       SELECT t."id", t."personal_user_id", 'owner' FROM "teams" t JOIN "users" u ON u."id" = t."personal_user_id"`,
    );
    await q.query(
      `UPDATE "gateways" g SET "team_id" = t."id" FROM "teams" t WHERE t."personal_user_id" = g."user_id"`,
    );
    await q.query(`ALTER TABLE "gateways" ALTER COLUMN "team_id" SET NOT NULL`);
    await q.query(`CREATE INDEX "gateways_team_id_idx" ON "gateways" ("team_id", "created_at")`);
    await q.query(
      `ALTER TABLE "gateways" ADD CONSTRAINT "FK_7c98da5f3d6f0bfda96157c16e9" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  // Gateways fall back to their creator (`user_id`); team memberships are lost.
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateways" DROP CONSTRAINT "FK_7c98da5f3d6f0bfda96157c16e9"`);
    await q.query(`DROP INDEX "gateways_team_id_idx"`);
    await q.query(`ALTER TABLE "gateways" DROP COLUMN "team_id"`);
    await q.query(`DROP TABLE "team_members"`);
    await q.query(`DROP TABLE "teams"`);
  }
}
