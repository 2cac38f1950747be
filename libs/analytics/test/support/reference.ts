import type { RequestEvent } from '../../src';

// Straightforward in-memory figures over what a test sent, to compare the engine's answers with.

export const effectiveModel = (e: RequestEvent) => e.upstreamModel || e.requestedModel;

/** Linear interpolation between closest ranks: ClickHouse `quantile` on fewer than 8192 values. */
export function quantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function figures(events: RequestEvent[]) {
  const requests = events.length;
  const errors = events.filter((e) => e.status >= 400).length;
  const latencies = events.map((e) => e.latencyMs);
  const ttfts = events.map((e) => e.ttftMs).filter((t): t is number => t !== null);
  return {
    requests,
    errors,
    tokens_in: events.reduce((s, e) => s + e.tokensIn, 0),
    tokens_out: events.reduce((s, e) => s + e.tokensOut, 0),
    cost: events.reduce((s, e) => s + (e.costUsd ?? 0), 0),
    latency_sum: latencies.reduce((s, l) => s + l, 0),
    latency_min: requests ? Math.min(...latencies) : 0,
    latency_max: requests ? Math.max(...latencies) : 0,
    latencies,
    ttfts,
  };
}

export function groupBy<K>(
  events: RequestEvent[],
  key: (e: RequestEvent) => K,
): Map<K, RequestEvent[]> {
  const out = new Map<K, RequestEvent[]>();
  for (const e of events) {
    const k = key(e);
    const list = out.get(k) ?? [];
    list.push(e);
    out.set(k, list);
  }
  return out;
}

/** Newest first, ties by request id descending (the logs order). */
export function newestFirst(events: RequestEvent[]): RequestEvent[] {
  return [...events].sort((a, b) =>
    b.timestamp !== a.timestamp
      ? b.timestamp - a.timestamp
      : a.requestId < b.requestId
        ? 1
        : a.requestId > b.requestId
          ? -1
          : 0,
  );
}
