import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Roles and disabled users, sliding sessions, invitations, env-credential grants, the audit log (issue 12). */
export class AccessControlAndAudit1764100000000 implements MigrationInterface {
  name = 'AccessControlAndAudit1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "role" character varying(16) NOT NULL DEFAULT 'user'`);
    await q.query(`ALTER TABLE "users" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "sessions" ADD "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await q.query(
      `CREATE TABLE "invites" ("id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "email" character varying(320), "role" character varying(16) NOT NULL DEFAULT 'user', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "used_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_0843131f4ae91435709527a4f18" UNIQUE ("token_hash"), CONSTRAINT "PK_aa52e96b44a714372f4dd31a0af" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "env_grants" ("principal_type" character varying(16) NOT NULL, "principal_id" uuid NOT NULL, "granted_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18c466f3fbee2da910bea21afda" PRIMARY KEY ("principal_type", "principal_id"))`,
    );
    await q.query(
      `CREATE TABLE "audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_type" character varying(16) NOT NULL, "actor_id" uuid, "actor_label" character varying(320), "action" character varying(64) NOT NULL, "target_type" character varying(32) NOT NULL, "target_id" character varying(200), "gateway_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', "ip" character varying(64), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "audit_events_action_idx" ON "audit_events" ("action", "id")`);
    await q.query(`CREATE INDEX "audit_events_actor_idx" ON "audit_events" ("actor_id", "id")`);
    await q.query(`CREATE INDEX "audit_events_gateway_idx" ON "audit_events" ("gateway_id", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_events"`);
    await q.query(`DROP TABLE "env_grants"`);
    await q.query(`DROP TABLE "invites"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "last_used_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "disabled_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "role"`);
  }
}
