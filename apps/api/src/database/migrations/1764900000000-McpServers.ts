import type { MigrationInterface, QueryRunner } from 'typeorm';

export class McpServers1764900000000 implements MigrationInterface {
  name = 'McpServers1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "mcp_servers" ("id" uuid NOT NULL, "gateway_id" uuid NOT NULL, "name" character varying(32) NOT NULL, "transport" character varying(16) NOT NULL, "url" text, "command" text, "args" jsonb NOT NULL DEFAULT '[]', "headers_ciphertext" text, "header_names" jsonb NOT NULL DEFAULT '[]', "enabled" boolean NOT NULL DEFAULT true, "timeout_ms" integer, "price_per_call_usd" double precision, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c781b3dc7cb2a5d19460b71914d" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "mcp_servers_gateway_name_idx" ON "mcp_servers" ("gateway_id", "name") `,
    );
    await q.query(
      `ALTER TABLE "mcp_servers" ADD CONSTRAINT "FK_15ca99f9494554e32138328f18b" FOREIGN KEY ("gateway_id") REFERENCES "gateways"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "gateway_keys" ADD "allowed_tools" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway_keys" DROP COLUMN "allowed_tools"`);
    await q.query(`DROP TABLE "mcp_servers"`);
  }
}
