import type { ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { AnalyticsQueries, EventSink, InvalidCursorError, toLiveLogRow } from '@gateway/analytics';
import { InvalidRequestError, NotFoundError } from '../../common/domain-errors';
import type { AuthorizedGateway } from '../gateways/gateway-access';
import type {
  BreakdownQuery,
  ExportQuery,
  LogsQuery,
  SummaryQuery,
  TimeseriesQuery,
} from './dto/analytics-query.dto';
import { resolveRange } from './dto/analytics-query.dto';

const HEARTBEAT_MS = 15_000;

/** The query layer rejects out-of-range input with RangeError: that is the caller's 400, not a 500. */
function asBadRequest(err: unknown): unknown {
  return err instanceof RangeError ? new InvalidRequestError(err.message) : err;
}

/** Analytics reads (roles checked by `GatewayRoleGuard`); every figure comes from ClickHouse through @gateway/analytics. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly queries: AnalyticsQueries,
    private readonly recorder: EventSink,
  ) {}

  async summary(gw: AuthorizedGateway, q: SummaryQuery) {
    return this.queries.gatewaySummary(gw.gatewayId, q.days, q.include_logs).catch((e: unknown) => {
      throw asBadRequest(e);
    });
  }

  async timeseries(gw: AuthorizedGateway, q: TimeseriesQuery) {
    const { from, to } = resolveRange(q);
    this.checkRange(from, to, q.granularity === 'minute' ? 7 : 400);
    return {
      granularity: q.granularity,
      points: await this.queries.timeseries(gw.gatewayId, { from, to, granularity: q.granularity }),
    };
  }

  async breakdown(gw: AuthorizedGateway, q: BreakdownQuery) {
    const { from, to } = resolveRange(q);
    this.checkRange(from, to, 3650);
    return { by: q.by, rows: await this.queries.breakdown(gw.gatewayId, { by: q.by, from, to }) };
  }

  async logs(gw: AuthorizedGateway, q: LogsQuery) {
    try {
      return await this.queries.logs(gw.gatewayId, {
        from: q.from,
        to: q.to,
        status: q.status,
        model: q.model,
        provider: q.provider,
        keyId: q.key_id,
        operation: q.operation,
        limit: q.limit,
        cursor: q.cursor,
      });
    } catch (err) {
      if (err instanceof InvalidCursorError)
        throw new InvalidRequestError('cursor: not a cursor from a previous page', 'cursor');
      throw err;
    }
  }

  async logDetail(gw: AuthorizedGateway, requestId: string) {
    const row = await this.queries.logDetail(gw.gatewayId, requestId);
    if (!row) throw new NotFoundError('Request');
    return row;
  }

  async export(gw: AuthorizedGateway, q: ExportQuery): Promise<AsyncIterable<string>> {
    const { from, to } = resolveRange(q, 30 * 24 * 3600 * 1000);
    this.checkRange(from, to, 3650);
    return this.queries.exportRows(gw.gatewayId, { from, to, format: q.format });
  }

  /** Server-sent events: one `request` event per proxied request of this gateway, as it is recorded. */
  async live(gw: AuthorizedGateway, res: ServerResponse): Promise<void> {
    // A client gone during the lookup has had its 'close' already: subscribing now would never end.
    if (res.destroyed) return;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // A connection header is forbidden on HTTP/2 (it would throw).
      ...(res.req?.httpVersionMajor === 2 ? {} : { connection: 'keep-alive' }),
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const unsubscribe = this.recorder.subscribe(gw.gatewayId, (ev) => {
      res.write(`event: request\ndata: ${JSON.stringify(toLiveLogRow(ev))}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    res.once('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  private checkRange(from: Date, to: Date, maxDays: number): void {
    if (from.getTime() >= to.getTime())
      throw new InvalidRequestError('from must be before to', 'from');
    if (to.getTime() - from.getTime() > maxDays * 24 * 3600 * 1000) {
      throw new InvalidRequestError(
        `the range may span at most ${maxDays} days at this granularity`,
        'from',
      );
    }
  }
}
