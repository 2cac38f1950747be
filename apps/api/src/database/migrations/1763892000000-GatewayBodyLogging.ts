import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GatewayBodyLogging1763892000000 implements MigrationInterface {
  name = 'GatewayBodyLogging1763892000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateways" ADD "log_bodies" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateways" DROP COLUMN "log_bodies"`);
  }
}
