import { AnalyticsQueries, EXPORT_COLUMNS, InvalidCursorError, type RequestEvent } from '../src';
import { makeEvent } from './support/event.factory';
import { effectiveModel, figures, groupBy, newestFirst, quantile } from './support/reference';
import { openTestStore, type TestStoreHandle } from './support/test-store';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MODELS = [
  ['gpt-4o', 'openai'],
  ['claude-sonnet-4', 'anthropic'],
  ['gemini-2.5-pro', 'google'],
] as const;
const FORMATS = ['openai-chat', 'anthropic-messages', 'gemini', 'openai-responses'] as const;
const OPERATION_MIX = ['chat', 'embeddings', 'chat', 'rerank', 'images'] as const;

// All data sits within the last few days so the 90-day TTL keeps it.
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const T0 = NOW - 30 * HOUR;

function gatewayAEvent(i: number): RequestEvent {
  const [model, provider] = MODELS[i % 3];
  const status = i % 6 === 0 ? 500 : i % 10 === 3 ? 429 : 200;
  return makeEvent({
    requestId: `a-${String(i).padStart(3, '0')}`,
    gatewayId: 'gw-a',
    timestamp: T0 + i * 35 * 60_000 + i * 1000,
    keyId: i % 4 === 0 ? null : `key-${i % 3}`,
    clientFormat: FORMATS[i % 4],
    operation: OPERATION_MIX[i % 5],
    provider,
    requestedModel: i % 5 === 0 ? `${model}-alias` : model,
    upstreamModel: i % 5 === 0 ? '' : model,
    stream: i % 2 === 1,
    status,
    errorType: status >= 400 ? 'upstream_error' : null,
    errorMessage: status >= 400 ? `upstream said "no", retry ${i}` : null,
    tokensIn: 1000 + i * 10,
    tokensOut: 200 + i,
    tokensCached: (i % 3) * 100,
    costUsd: i % 8 === 0 ? null : 0.000123 * (i + 1),
    latencyMs: 100 + ((i * 37) % 900),
    ttftMs: i % 2 === 1 ? 50 + i : null,
    requestBody: i === 7 ? '{"messages":[]}' : null,
    responseBody: i === 7 ? '{"choices":[]}' : null,
    responseId: `resp-${i}`,
  });
}

const A = Array.from({ length: 48 }, (_, i) => gatewayAEvent(i));
const A_OLD = makeEvent({ requestId: 'a-old', gatewayId: 'gw-a', timestamp: NOW - 5 * DAY });
const A_ALL = [...A, A_OLD];
const B = Array.from({ length: 5 }, (_, i) =>
  makeEvent({ requestId: `b-${i}`, gatewayId: 'gw-b', timestamp: T0 + i * HOUR, latencyMs: 5 }),
);
// A client reusing its x-request-id, and one whose id equals another request's own id.
const CLIENT_IDS = [
  makeEvent({ requestId: 'c-1', clientRequestId: 'mine', gatewayId: 'gw-cid', timestamp: T0 }),
  makeEvent({
    requestId: 'c-2',
    clientRequestId: 'mine',
    gatewayId: 'gw-cid',
    timestamp: T0 + HOUR,
  }),
  makeEvent({ requestId: 'c-3', clientRequestId: 'c-1', gatewayId: 'gw-cid', timestamp: T0 + DAY }),
];
const TIE_TS = T0 + 90_000;
const TIES = ['tie-a', 'tie-b', 'tie-c'].map((requestId) =>
  makeEvent({ requestId, gatewayId: 'gw-tie', timestamp: TIE_TS }),
);

function expectQuantile(got: number | null, values: number[], p: number) {
  const want = quantile(values, p);
  if (want === null) expect(got).toBeNull();
  else expect(got).toBeCloseTo(want, 6);
}

const ids = (events: RequestEvent[]) => newestFirst(events).map((e) => e.requestId);

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('AnalyticsQueries (real engine)', () => {
  let h: TestStoreHandle;
  let q: AnalyticsQueries;

  beforeAll(async () => {
    h = await openTestStore();
    q = new AnalyticsQueries(h.store);
    // Several batches, so rollup rows for one hour come from more than one insert.
    await h.store.insertEvents(A.slice(0, 20), 'qa-1');
    await h.store.insertEvents([...A.slice(20), A_OLD], 'qa-2');
    await h.store.insertEvents(B, 'qb-1');
    await h.store.insertEvents(TIES, 'qt-1');
    // One batch per request, as a quiet gateway sends them.
    for (const e of CLIENT_IDS) await h.store.insertEvents([e], `qc-${e.requestId}`);
  });

  afterAll(async () => {
    await h.dispose();
  });

  describe('gatewaySummary (seed shape)', () => {
    it('returns the seed shape with figures equal to what was sent, field by field', async () => {
      const now = new Date(NOW + 60_000);
      const res = await q.gatewaySummary('gw-a', 3, false, now);
      const endDay = Math.floor(now.getTime() / DAY) * DAY;
      const startDay = endDay - 2 * DAY;
      const inRange = A_ALL.filter((e) => e.timestamp >= startDay && e.timestamp < endDay + DAY);
      expect(inRange).toHaveLength(48);
      const f = figures(inRange);

      expect(Object.keys(res)).toEqual([
        'gateway_id',
        'date_range',
        'summary',
        'model_breakdown',
        'daily_stats',
        'logs',
      ]);
      expect(res.gateway_id).toBe('gw-a');
      expect(res.date_range).toEqual({
        start_date: isoDay(startDay),
        end_date: isoDay(endDay),
        days: 3,
      });
      const s = res.summary;
      expect(Object.keys(s)).toEqual([
        'total_requests',
        'tokens_in',
        'tokens_out',
        'total_tokens',
        'total_cost',
        'avg_latency',
        'min_latency',
        'max_latency',
        'error_count',
        'error_rate',
        'success_rate',
      ]);
      expect(s.total_requests).toBe(48);
      expect(s.tokens_in).toBe(f.tokens_in);
      expect(s.tokens_out).toBe(f.tokens_out);
      expect(s.total_tokens).toBe(f.tokens_in + f.tokens_out);
      expect(s.total_cost).toBeCloseTo(f.cost, 9);
      expect(s.avg_latency).toBeCloseTo(f.latency_sum / 48 / 1000, 9);
      expect(s.min_latency).toBe(f.latency_min / 1000);
      expect(s.max_latency).toBe(f.latency_max / 1000);
      expect(s.error_count).toBe(f.errors);
      expect(s.error_rate).toBeCloseTo((f.errors / 48) * 100, 9);
      expect(s.success_rate).toBeCloseTo(100 - (f.errors / 48) * 100, 9);
      expect(res.logs).toBeNull();

      const byModel = groupBy(inRange, effectiveModel);
      expect(Object.keys(res.model_breakdown).sort()).toEqual([...byModel.keys()].sort());
      for (const [model, events] of byModel) {
        const m = figures(events);
        const got = res.model_breakdown[model];
        expect(Object.keys(got)).toEqual([
          'requests',
          'tokens_in',
          'tokens_out',
          'total_tokens',
          'cost',
          'avg_latency',
        ]);
        expect(got.requests).toBe(m.requests);
        expect(got.tokens_in).toBe(m.tokens_in);
        expect(got.tokens_out).toBe(m.tokens_out);
        expect(got.total_tokens).toBe(m.tokens_in + m.tokens_out);
        expect(got.cost).toBeCloseTo(m.cost, 9);
        expect(got.avg_latency).toBeCloseTo(m.latency_sum / m.requests / 1000, 9);
      }

      expect(res.daily_stats.map((d) => d.date)).toEqual(
        [0, 1, 2].map((i) => isoDay(startDay + i * DAY)),
      );
      const byDay = groupBy(inRange, (e) => isoDay(e.timestamp));
      for (const d of res.daily_stats) {
        const events = byDay.get(d.date) ?? [];
        const g = figures(events);
        expect(Object.keys(d)).toEqual([
          'date',
          'requests',
          'tokens_in',
          'tokens_out',
          'cost',
          'errors',
          'success_rate',
        ]);
        expect(d.requests).toBe(g.requests);
        expect(d.tokens_in).toBe(g.tokens_in);
        expect(d.tokens_out).toBe(g.tokens_out);
        expect(d.cost).toBeCloseTo(g.cost, 9);
        expect(d.errors).toBe(g.errors);
        expect(d.success_rate).toBeCloseTo(g.requests ? 100 - (g.errors / g.requests) * 100 : 0, 9);
      }
    });

    it('includes the newest requests of the range as seed log entries when asked', async () => {
      const res = await q.gatewaySummary('gw-a', 3, true, new Date(NOW + 60_000));
      const expected = newestFirst(A);
      expect(res.logs).toHaveLength(48);
      expect(res.logs?.map((l) => l.id)).toEqual(expected.map((e) => e.requestId));
      const e = A[6];
      expect(res.logs?.find((l) => l.id === e.requestId)).toEqual({
        id: e.requestId,
        response_id: 'resp-6',
        timestamp: new Date(e.timestamp).toISOString(),
        gateway_id: 'gw-a',
        model: 'gpt-4o',
        provider: 'openai',
        tokens_prompt: e.tokensIn,
        tokens_completion: e.tokensOut,
        request_type: 'non-stream',
        status: 'error',
        cost: e.costUsd,
        latency: e.latencyMs / 1000,
        error_message: e.errorMessage,
        http_status_code: 500,
        endpoint: '/v1/chat/completions',
      });
      expect(res.logs?.find((l) => l.id === 'a-001')).toMatchObject({
        request_type: 'stream',
        status: 'success',
        http_status_code: 200,
      });
    });

    it('counts the older request only when the range reaches its day, and never another gateway', async () => {
      const week = await q.gatewaySummary('gw-a', 7, false, new Date(NOW + 60_000));
      expect(week.summary.total_requests).toBe(49);
      expect(week.daily_stats).toHaveLength(7);
      const b = await q.gatewaySummary('gw-b', 7, false, new Date(NOW + 60_000));
      expect(b.summary.total_requests).toBe(5);
      expect(b.summary.min_latency).toBe(0.005);
    });

    it('reports zeros, not NaN, for a gateway without traffic', async () => {
      const res = await q.gatewaySummary('gw-empty', 2, true, new Date(NOW));
      expect(res.summary).toEqual({
        total_requests: 0,
        tokens_in: 0,
        tokens_out: 0,
        total_tokens: 0,
        total_cost: 0,
        avg_latency: 0,
        min_latency: 0,
        max_latency: 0,
        error_count: 0,
        error_rate: 0,
        success_rate: 0,
      });
      expect(res.model_breakdown).toEqual({});
      expect(res.daily_stats.map((d) => d.requests)).toEqual([0, 0]);
      expect(res.logs).toEqual([]);
    });
  });

  describe('timeseries', () => {
    function expectPoints(
      points: Awaited<ReturnType<AnalyticsQueries['timeseries']>>,
      starts: number[],
      step: number,
      events: RequestEvent[],
    ) {
      expect(points.map((p) => p.t)).toEqual(starts.map((s) => new Date(s).toISOString()));
      for (const p of points) {
        const start = Date.parse(p.t);
        const f = figures(events.filter((e) => e.timestamp >= start && e.timestamp < start + step));
        expect(p.requests).toBe(f.requests);
        expect(p.tokens_in).toBe(f.tokens_in);
        expect(p.tokens_out).toBe(f.tokens_out);
        expect(p.cost).toBeCloseTo(f.cost, 9);
        expect(p.errors).toBe(f.errors);
        expect(p.error_rate).toBeCloseTo(f.requests ? (f.errors / f.requests) * 100 : 0, 9);
        expectQuantile(p.latency_p50, f.latencies, 0.5);
        expectQuantile(p.latency_p95, f.latencies, 0.95);
        expectQuantile(p.latency_p99, f.latencies, 0.99);
        expectQuantile(p.ttft_p50, f.ttfts, 0.5);
        expectQuantile(p.ttft_p95, f.ttfts, 0.95);
      }
    }

    it('returns zero-filled minute buckets from raw rows', async () => {
      const points = await q.timeseries('gw-a', {
        from: new Date(T0 + 15_000),
        to: new Date(T0 + 2 * HOUR),
        granularity: 'minute',
      });
      expect(points).toHaveLength(120);
      expect(points.filter((p) => p.requests > 0)).toHaveLength(4);
      expect(points[1]).toMatchObject({ requests: 0, cost: 0, latency_p50: null, ttft_p95: null });
      expectPoints(
        points,
        Array.from({ length: 120 }, (_, i) => T0 + i * 60_000),
        60_000,
        A,
      );
    });

    it('returns hour buckets with percentiles merged from the rollup', async () => {
      const points = await q.timeseries('gw-a', {
        from: new Date(T0 - HOUR),
        to: new Date(NOW),
        granularity: 'hour',
      });
      expect(points).toHaveLength(31);
      expectPoints(
        points,
        Array.from({ length: 31 }, (_, i) => T0 - HOUR + i * HOUR),
        HOUR,
        A,
      );
    });

    it('returns day buckets with percentiles over every request of the day', async () => {
      const from = Math.floor((NOW - 6 * DAY) / DAY) * DAY;
      const points = await q.timeseries('gw-a', {
        from: new Date(from),
        to: new Date(NOW + HOUR),
        granularity: 'day',
      });
      const starts = points.map((p) => Date.parse(p.t));
      expect(starts[0]).toBe(from);
      expect(points.reduce((s, p) => s + p.requests, 0)).toBe(49);
      expectPoints(points, starts, DAY, A_ALL);
    });

    it('rejects an inverted range and one with too many buckets', async () => {
      await expect(
        q.timeseries('gw-a', {
          from: new Date(NOW),
          to: new Date(NOW - HOUR),
          granularity: 'hour',
        }),
      ).rejects.toThrow(RangeError);
      await expect(
        q.timeseries('gw-a', {
          from: new Date(NOW - 30 * DAY),
          to: new Date(NOW),
          granularity: 'minute',
        }),
      ).rejects.toThrow(/limit is 10000/);
    });
  });

  describe('breakdown', () => {
    const range = { from: new Date(NOW - 10 * DAY), to: new Date(NOW + HOUR) };
    const cases: [
      Parameters<AnalyticsQueries['breakdown']>[1]['by'],
      (e: RequestEvent) => string | null,
    ][] = [
      ['model', effectiveModel],
      ['provider', (e) => e.provider],
      ['key', (e) => e.keyId],
      ['status', (e) => String(e.status)],
      ['client_format', (e) => e.clientFormat],
      ['operation', (e) => e.operation],
    ];

    it.each(cases)('groups by %s with figures equal to what was sent', async (by, key) => {
      const rows = await q.breakdown('gw-a', { by, ...range });
      const groups = groupBy(A_ALL, key);
      expect(rows.map((r) => r.key).sort()).toEqual([...groups.keys()].sort());
      expect(rows.map((r) => r.requests)).toEqual(
        [...rows.map((r) => r.requests)].sort((a, b) => b - a),
      );
      for (const row of rows) {
        const f = figures(groups.get(row.key) ?? []);
        expect(row.requests).toBe(f.requests);
        expect(row.tokens_in).toBe(f.tokens_in);
        expect(row.tokens_out).toBe(f.tokens_out);
        expect(row.cost).toBeCloseTo(f.cost, 9);
        expect(row.errors).toBe(f.errors);
        expect(row.avg_latency_ms).toBeCloseTo(f.latency_sum / f.requests, 9);
        expect(row.p95_latency_ms).toBeCloseTo(quantile(f.latencies, 0.95) as number, 6);
      }
    });
  });

  describe('logs', () => {
    it('lists a gateway newest first with every field', async () => {
      const page = await q.logs('gw-a', { limit: 100 });
      expect(page.items.map((r) => r.request_id)).toEqual(ids(A_ALL));
      expect(page.next_cursor).toBeNull();
      const e = A[9];
      expect(page.items.find((r) => r.request_id === e.requestId)).toEqual({
        request_id: e.requestId,
        client_request_id: null,
        timestamp: new Date(e.timestamp).toISOString(),
        gateway_id: 'gw-a',
        key_id: e.keyId,
        user_id: e.userId,
        endpoint: e.endpoint,
        operation: e.operation,
        client_format: e.clientFormat,
        provider: e.provider,
        requested_model: e.requestedModel,
        upstream_model: e.upstreamModel,
        model: effectiveModel(e),
        stream: e.stream,
        status: e.status,
        error_type: e.errorType,
        error_message: e.errorMessage,
        response_id: e.responseId,
        tokens_in: e.tokensIn,
        tokens_out: e.tokensOut,
        tokens_cached: e.tokensCached,
        tokens_reasoning: e.tokensReasoning,
        cost_usd: e.costUsd,
        latency_ms: e.latencyMs,
        ttft_ms: e.ttftMs,
        upstream_latency_ms: e.upstreamLatencyMs,
        attempts: e.attempts,
      });
    });

    it.each([
      ['status success', { status: 'success' as const }, (e: RequestEvent) => e.status < 400],
      ['status error', { status: 'error' as const }, (e: RequestEvent) => e.status >= 400],
      ['status 429', { status: 429 }, (e: RequestEvent) => e.status === 429],
      [
        'effective model',
        { model: 'claude-sonnet-4' },
        (e: RequestEvent) => effectiveModel(e) === 'claude-sonnet-4',
      ],
      [
        'requested model',
        { model: 'gpt-4o-alias' },
        (e: RequestEvent) => e.requestedModel === 'gpt-4o-alias',
      ],
      ['provider', { provider: 'google' }, (e: RequestEvent) => e.provider === 'google'],
      ['key', { keyId: 'key-2' }, (e: RequestEvent) => e.keyId === 'key-2'],
      ['operation', { operation: 'embeddings' }, (e: RequestEvent) => e.operation === 'embeddings'],
      [
        'time range',
        { from: new Date(T0 + 5 * HOUR), to: new Date(T0 + 10 * HOUR) },
        (e: RequestEvent) => e.timestamp >= T0 + 5 * HOUR && e.timestamp < T0 + 10 * HOUR,
      ],
      [
        'status and provider together',
        { status: 'error' as const, provider: 'openai' },
        (e: RequestEvent) => e.status >= 400 && e.provider === 'openai',
      ],
    ])('filters by %s', async (_name, filter, keep) => {
      const page = await q.logs('gw-a', { ...filter, limit: 1000 });
      const expected = ids(A_ALL.filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      expect(page.items.map((r) => r.request_id)).toEqual(expected);
    });

    it('walks every row exactly once with the keyset cursor', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await q.logs('gw-a', { limit: 7, cursor });
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((r) => r.request_id));
        cursor = page.next_cursor ?? undefined;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(Math.ceil(49 / 7));
      expect(seen).toEqual(ids(A_ALL));
    });

    it('pages through rows that share a timestamp by request id', async () => {
      const first = await q.logs('gw-tie', { limit: 1 });
      const second = await q.logs('gw-tie', { limit: 1, cursor: first.next_cursor ?? undefined });
      const third = await q.logs('gw-tie', { limit: 1, cursor: second.next_cursor ?? undefined });
      expect([first, second, third].map((p) => p.items[0].request_id)).toEqual([
        'tie-c',
        'tie-b',
        'tie-a',
      ]);
      expect(third.next_cursor).toBeNull();
    });

    it('rejects a malformed cursor and an out-of-range limit', async () => {
      await expect(q.logs('gw-a', { cursor: 'not-a-cursor' })).rejects.toThrow(InvalidCursorError);
      await expect(q.logs('gw-a', { limit: 0 })).rejects.toThrow(RangeError);
      await expect(q.logs('gw-a', { limit: 1001 })).rejects.toThrow(RangeError);
    });

    it('returns one request with its bodies, and null for another gateway', async () => {
      const detail = await q.logDetail('gw-a', 'a-007');
      expect(detail).toMatchObject({
        request_id: 'a-007',
        request_body: '{"messages":[]}',
        response_body: '{"choices":[]}',
        tokens_in: A[7].tokensIn,
      });
      expect(await q.logDetail('gw-b', 'a-007')).toBeNull();
      expect(await q.logDetail('gw-a', 'missing')).toBeNull();
    });

    it('finds a request by the client’s own id too: the newest one, the gateway’s id first', async () => {
      expect((await q.logs('gw-cid', {})).items.map((r) => r.request_id)).toEqual([
        'c-3',
        'c-2',
        'c-1',
      ]);
      expect(await q.logDetail('gw-cid', 'mine')).toMatchObject({
        request_id: 'c-2',
        client_request_id: 'mine',
      });
      expect(await q.logDetail('gw-cid', 'c-1')).toMatchObject({
        request_id: 'c-1',
        client_request_id: 'mine',
      });
      expect(await q.logDetail('gw-a', 'mine')).toBeNull();
    });
  });

  describe('exportRows', () => {
    const range = { from: new Date(T0), to: new Date(NOW) };

    async function collect(it: AsyncIterable<string>): Promise<string> {
      let out = '';
      for await (const chunk of it) out += chunk;
      return out;
    }

    it('streams CSV with a header and RFC 4180 quoting', async () => {
      const csv = await collect(q.exportRows('gw-a', { ...range, format: 'csv' }));
      const lines = csv.split('\r\n');
      expect(lines.pop()).toBe('');
      expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
      expect(lines).toHaveLength(49);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(ids(A));
      const e = A[6];
      expect(lines.find((l) => l.startsWith('a-006,'))).toBe(
        [
          'a-006',
          '',
          new Date(e.timestamp).toISOString(),
          'gw-a',
          e.keyId,
          e.userId,
          e.endpoint,
          e.operation,
          e.clientFormat,
          'openai',
          'gpt-4o',
          'gpt-4o',
          'gpt-4o',
          'false',
          '500',
          'upstream_error',
          '"upstream said ""no"", retry 6"',
          'resp-6',
          e.tokensIn,
          e.tokensOut,
          e.tokensCached,
          0,
          e.costUsd,
          e.latencyMs,
          '',
          e.upstreamLatencyMs,
          1,
        ].join(','),
      );
    });

    it('streams a JSON array equal to the logs rows', async () => {
      const chunks: string[] = [];
      for await (const chunk of q.exportRows('gw-a', { ...range, format: 'json' }))
        chunks.push(chunk);
      expect(chunks.length).toBeGreaterThan(2);
      const rows = JSON.parse(chunks.join(''));
      const logs = await q.logs('gw-a', { ...range, limit: 1000 });
      expect(rows).toEqual(logs.items);
      expect(rows).toHaveLength(48);
    });

    it('streams an empty but valid document for an empty range', async () => {
      const empty = { from: new Date(NOW + DAY), to: new Date(NOW + 2 * DAY) };
      expect(JSON.parse(await collect(q.exportRows('gw-a', { ...empty, format: 'json' })))).toEqual(
        [],
      );
      expect(await collect(q.exportRows('gw-a', { ...empty, format: 'csv' }))).toBe(
        EXPORT_COLUMNS.join(',') + '\r\n',
      );
    });
  });
});
