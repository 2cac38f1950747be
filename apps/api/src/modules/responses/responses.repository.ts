import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { StoredResponseEntity } from './stored-response.entity';

export type NewResponseRow = Omit<StoredResponseEntity, 'gateway' | 'createdAt' | 'expiresAt'> & {
  retentionDays: number;
};

/** A row of a chain, newest first, as the recursive query returns it. */
export interface ChainRow {
  id: string;
  previous_response_id: string | null;
  response: Buffer;
  input_items: Buffer;
}

const PURGE_BATCH = 1000;

@Injectable()
export class ResponsesRepository {
  constructor(
    @InjectRepository(StoredResponseEntity)
    private readonly responses: Repository<StoredResponseEntity>,
  ) {}

  /** Insert, or replace a row with the same id (an upstream that repeats its ids). */
  async upsert(row: NewResponseRow): Promise<void> {
    await this.responses.query(
      `INSERT INTO "responses" ("gateway_id", "id", "key_id", "previous_response_id", "model", "status",
         "response", "input_items", "size_bytes", "created_at", "expires_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now() + make_interval(days => $10))
       ON CONFLICT ("gateway_id", "id") DO UPDATE SET
         "key_id" = EXCLUDED."key_id", "previous_response_id" = EXCLUDED."previous_response_id",
         "model" = EXCLUDED."model", "status" = EXCLUDED."status", "response" = EXCLUDED."response",
         "input_items" = EXCLUDED."input_items", "size_bytes" = EXCLUDED."size_bytes",
         "created_at" = EXCLUDED."created_at", "expires_at" = EXCLUDED."expires_at"`,
      [
        row.gatewayId,
        row.id,
        row.keyId,
        row.previousResponseId,
        row.model,
        row.status,
        row.response,
        row.inputItems,
        row.sizeBytes,
        row.retentionDays,
      ],
    );
  }

  /**
   * A response and its ancestors through `previous_response_id`, newest first, in one query: at most
   * `limit` rows, unexpired only, all of the same gateway. A chain cut by an expired or deleted
   * ancestor ends there.
   */
  chain(gatewayId: string, id: string, limit: number): Promise<ChainRow[]> {
    return this.responses.query(
      `WITH RECURSIVE chain AS (
         SELECT "id", "previous_response_id", "response", "input_items", 1 AS depth
           FROM "responses" WHERE "gateway_id" = $1 AND "id" = $2 AND "expires_at" > now()
         UNION ALL
         SELECT r."id", r."previous_response_id", r."response", r."input_items", c.depth + 1
           FROM chain c
           JOIN "responses" r ON r."gateway_id" = $1 AND r."id" = c."previous_response_id"
          WHERE c.depth < $3 AND r."expires_at" > now()
       )
       SELECT "id", "previous_response_id", "response", "input_items" FROM chain ORDER BY depth`,
      [gatewayId, id, limit],
    );
  }

  async findOne(
    gatewayId: string,
    id: string,
  ): Promise<Pick<StoredResponseEntity, 'response'> | undefined> {
    const rows: Pick<StoredResponseEntity, 'response'>[] = await this.responses.query(
      `SELECT "response" FROM "responses" WHERE "gateway_id" = $1 AND "id" = $2 AND "expires_at" > now()`,
      [gatewayId, id],
    );
    return rows[0];
  }

  async delete(gatewayId: string, id: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.responses.query(
      `DELETE FROM "responses" WHERE "gateway_id" = $1 AND "id" = $2 AND "expires_at" > now()`,
      [gatewayId, id],
    );
    return affected > 0;
  }

  /** A gateway's retention changed: every stored response now expires that long after its creation. */
  async setRetention(gatewayId: string, days: number): Promise<void> {
    await this.responses.query(
      `UPDATE "responses" SET "expires_at" = "created_at" + make_interval(days => $2)
        WHERE "gateway_id" = $1 AND "expires_at" <> "created_at" + make_interval(days => $2)`,
      [gatewayId, days],
    );
  }

  /** Deletes expired rows in small batches (short locks); returns how many went. */
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const [, affected]: [unknown, number] = await this.responses.query(
        `DELETE FROM "responses" WHERE ctid = ANY(ARRAY(
           SELECT ctid FROM "responses" WHERE "expires_at" <= now() LIMIT ${PURGE_BATCH}))`,
      );
      total += affected;
      if (affected < PURGE_BATCH) return total;
    }
  }
}
