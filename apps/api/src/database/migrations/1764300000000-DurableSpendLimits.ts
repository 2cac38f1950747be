import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable token quotas and budgets per subject (key, end user, gateway, team) with the replicas'
 * batch markers, and each gateway's end user and gateway-wide limits (issue 12).
 */
export class DurableSpendLimits1764300000000 implements MigrationInterface {
  name = 'DurableSpendLimits1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "limit_usage" ("subject_kind" character varying(16) NOT NULL, "subject_id" character varying(200) NOT NULL, "counter" character varying(32) NOT NULL, "period" character varying(10) NOT NULL, "used" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c2af108070021567e1417c9bb1e" PRIMARY KEY ("subject_kind", "subject_id", "counter", "period"))`,
    );
    await q.query(`CREATE INDEX "limit_usage_period_idx" ON "limit_usage" ("period")`);
    await q.query(
      `CREATE TABLE "spend_flushes" ("replica_id" uuid NOT NULL, "batch_seq" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_723e86efb5c0c300812fcb945be" PRIMARY KEY ("replica_id"))`,
    );
    await q.query(
      `CREATE TABLE "gateway_limits" ("gateway_id" uuid NOT NULL, "limits" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9220347f09546f1c5026314b3b3" PRIMARY KEY ("gateway_id"))`,
    );
    await q.query(
      `ALTER TABLE "gateway_limits" ADD CONSTRAINT "FK_9220347f09546f1c5026314b3b3" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gateway_limits"`);
    await q.query(`DROP TABLE "spend_flushes"`);
    await q.query(`DROP TABLE "limit_usage"`);
  }
}
