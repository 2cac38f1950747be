import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { SubjectKind } from '@gateway/contracts';
import type { CounterRef } from './counter-ref';
import type { DurableCounter } from './counter-windows';
import { LimitUsageEntity } from './limit-usage.entity';

export interface CounterTotal {
  ref: CounterRef;
  used: number;
}

/** A replica's batch marker outlives any retry of its last batch by far. */
const FLUSH_MARKER_RETENTION_DAYS = 7;

function toTotal(row: Record<string, string>): CounterTotal {
  return {
    ref: {
      subjectKind: row.subject_kind as SubjectKind,
      subjectId: row.subject_id,
      counter: row.counter as DurableCounter,
      period: row.period,
    },
    used: Number(row.used),
  };
}

/** The durable counters in Postgres: batched additive writes and the reads that seed Redis or memory. */
@Injectable()
export class SpendRepository {
  constructor(
    @InjectRepository(LimitUsageEntity) private readonly usage: Repository<LimitUsageEntity>,
  ) {}

  /**
   * Adds one batch of a replica's settled usage, once: the batch's sequence number is recorded in
   * the same transaction, and a batch already recorded (a retry after a commit whose answer was
   * lost) adds nothing and returns null. Otherwise returns the new totals of the touched counters.
   * Rows are written in key order, so two replicas flushing the same counters cannot deadlock.
   */
  applyBatch(
    replicaId: string,
    seq: number,
    rows: readonly { ref: CounterRef; points: number }[],
  ): Promise<CounterTotal[] | null> {
    return this.usage.manager.transaction(async (m) => {
      const marked = (await m.query(
        `INSERT INTO "spend_flushes" ("replica_id", "batch_seq", "updated_at") VALUES ($1, $2, now())
         ON CONFLICT ("replica_id") DO UPDATE SET "batch_seq" = EXCLUDED."batch_seq", "updated_at" = now()
         WHERE "spend_flushes"."batch_seq" < EXCLUDED."batch_seq"
         RETURNING "replica_id"`,
        [replicaId, seq],
      )) as unknown[];
      if (marked.length === 0) return null;
      const totals = (await m.query(
        `INSERT INTO "limit_usage" ("subject_kind", "subject_id", "counter", "period", "used", "updated_at")
         SELECT k, i, c, p, u, now()
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::bigint[]) AS t(k, i, c, p, u)
         ORDER BY k, i, c, p
         ON CONFLICT ("subject_kind", "subject_id", "counter", "period")
         DO UPDATE SET "used" = "limit_usage"."used" + EXCLUDED."used", "updated_at" = now()
         RETURNING "subject_kind", "subject_id", "counter", "period", "used"`,
        [
          rows.map((r) => r.ref.subjectKind),
          rows.map((r) => r.ref.subjectId),
          rows.map((r) => r.ref.counter),
          rows.map((r) => r.ref.period),
          rows.map((r) => String(r.points)),
        ],
      )) as Record<string, string>[];
      return totals.map(toTotal);
    });
  }

  /** Whether a batch of this replica id was ever written. */
  async hasBatch(replicaId: string): Promise<boolean> {
    const rows = (await this.usage.query(`SELECT 1 FROM "spend_flushes" WHERE "replica_id" = $1`, [
      replicaId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** Every counter of the given periods (the current day and month), to seed from. */
  async inPeriods(periods: readonly string[]): Promise<CounterTotal[]> {
    const rows = (await this.usage.query(
      `SELECT "subject_kind", "subject_id", "counter", "period", "used"
       FROM "limit_usage" WHERE "period" = ANY($1::varchar[])`,
      [periods],
    )) as Record<string, string>[];
    return rows.map(toTotal);
  }

  /** One subject's counters in the given periods. */
  async ofSubject(
    subjectKind: SubjectKind,
    subjectId: string,
    periods: readonly string[],
  ): Promise<CounterTotal[]> {
    const rows = (await this.usage.query(
      `SELECT "subject_kind", "subject_id", "counter", "period", "used"
       FROM "limit_usage"
       WHERE "subject_kind" = $1 AND "subject_id" = $2 AND "period" = ANY($3::varchar[])`,
      [subjectKind, subjectId, periods],
    )) as Record<string, string>[];
    return rows.map(toTotal);
  }

  /**
   * Deletes usage of periods before `oldestDay` (`2026-01-01`; a month id sorts before its first
   * day, so older months go too) and batch markers nobody reads any more.
   */
  async prune(oldestDay: string): Promise<void> {
    await this.usage.query(`DELETE FROM "limit_usage" WHERE "period" < $1`, [oldestDay]);
    await this.usage.query(
      `DELETE FROM "spend_flushes" WHERE "updated_at" < now() - make_interval(days => $1)`,
      [FLUSH_MARKER_RETENTION_DAYS],
    );
  }
}
