import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored Responses API answers per gateway, and each gateway's retention for them (issue 14). */
export class StoredResponses1764600000000 implements MigrationInterface {
  name = 'StoredResponses1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "gateways" ADD "responses_retention_days" integer NOT NULL DEFAULT '30'`,
    );
    await q.query(
      `CREATE TABLE "responses" ("gateway_id" uuid NOT NULL, "id" character varying(128) NOT NULL, "key_id" uuid, "previous_response_id" character varying(128), "model" character varying(256) NOT NULL, "status" character varying(32) NOT NULL, "response" bytea NOT NULL, "input_items" bytea NOT NULL, "size_bytes" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5dc7a760f1a0a898dafa097de76" PRIMARY KEY ("gateway_id", "id"))`,
    );
    await q.query(`CREATE INDEX "responses_expires_at_idx" ON "responses" ("expires_at")`);
    await q.query(
      `ALTER TABLE "responses" ADD CONSTRAINT "FK_d0048bfb47f4e0a5e1a603ba18e" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "responses"`);
    await q.query(`ALTER TABLE "gateways" DROP COLUMN "responses_retention_days"`);
  }
}
