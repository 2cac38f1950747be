import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Gateway providers (BYOK), gateway keys and per-gateway routing settings (issue 6). */
export class GatewayProvidersKeysRouting1763900000000 implements MigrationInterface {
  name = 'GatewayProvidersKeysRouting1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "gateway_keys" ("id" uuid NOT NULL, "gateway_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "key_last4" character varying(4) NOT NULL, "allowed_models" jsonb NOT NULL DEFAULT '[]', "allowed_providers" jsonb NOT NULL DEFAULT '[]', "enabled" boolean NOT NULL DEFAULT true, "expires_at" TIMESTAMP WITH TIME ZONE, "limits" jsonb NOT NULL DEFAULT '{}', "system_prompt" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c8a8607ad2c44e3dbad0ccf460e" UNIQUE ("key_hash"), CONSTRAINT "PK_2c822d9d5544187b9ec6846e78d" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "gateway_keys_gateway_id_idx" ON "gateway_keys" ("gateway_id", "created_at")`,
    );
    await q.query(
      `CREATE TABLE "gateway_providers" ("id" uuid NOT NULL, "gateway_id" uuid NOT NULL, "provider_type" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "base_url" text, "api_key_ciphertext" text, "key_last4" character varying(4), "models" jsonb NOT NULL DEFAULT '[]', "model_mapping" jsonb NOT NULL DEFAULT '{}', "priority" integer NOT NULL DEFAULT '0', "weight" integer NOT NULL DEFAULT '1', "enabled" boolean NOT NULL DEFAULT true, "timeout_ms" integer, "max_retries" integer NOT NULL DEFAULT '0', "proxy_url_ciphertext" text, "concurrency" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_55283aaff89858507956069e8fe" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "gateway_providers_gateway_id_idx" ON "gateway_providers" ("gateway_id", "created_at")`,
    );
    await q.query(
      `CREATE TABLE "gateway_routing" ("gateway_id" uuid NOT NULL, "settings" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cb26166bff60dcb96adbbe060fc" PRIMARY KEY ("gateway_id"))`,
    );
    await q.query(
      `ALTER TABLE "gateway_keys" ADD CONSTRAINT "FK_f0d215f703a72a3306abc4b2017" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "gateway_providers" ADD CONSTRAINT "FK_9a963be211074ec6f21e6d0e43d" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "gateway_routing" ADD CONSTRAINT "FK_cb26166bff60dcb96adbbe060fc" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gateway_routing"`);
    await q.query(`DROP TABLE "gateway_providers"`);
    await q.query(`DROP TABLE "gateway_keys"`);
  }
}
