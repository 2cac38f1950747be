import type { MigrationInterface, QueryRunner } from 'typeorm';

/** OpenID Connect identities linked to users: (issuer, subject) → user (issue 12, SSO). */
export class UserIdentities1764400000000 implements MigrationInterface {
  name = 'UserIdentities1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "user_identities" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "issuer" character varying(512) NOT NULL, "subject" character varying(255) NOT NULL, "email" character varying(320), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_login_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e23bff04e9c3e7b785e442b262c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "user_identities_user_id_idx" ON "user_identities" ("user_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "user_identities_issuer_subject_key" ON "user_identities" ("issuer", "subject")`,
    );
    await q.query(
      `ALTER TABLE "user_identities" ADD CONSTRAINT "FK_bf5fe01eb8cad7114b4c371cdc7" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "user_identities"`);
  }
}
