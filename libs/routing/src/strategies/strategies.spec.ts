import { type BreakerState } from '../resilience/circuit-breaker';
import { orderByHealth } from './health-first';
import { orderByLatency } from './least-latency';
import { orderCandidates } from './order-candidates';
import { orderByPriority } from './priority';
import { type RoutableCandidate } from './strategy';
import { WeightedRoundRobin } from './weighted-round-robin';

function candidate(id: string, over: Partial<RoutableCandidate> = {}): RoutableCandidate {
  return { id, priority: 0, weight: 1, breaker: 'closed' as BreakerState, failures: 0, ...over };
}
const ids = (list: RoutableCandidate[]) => list.map((c) => c.id);

describe('orderByPriority', () => {
  it('tries the highest priority first and keeps the given order on ties', () => {
    const list = [
      candidate('a', { priority: 1 }),
      candidate('b', { priority: 5 }),
      candidate('c', { priority: 1 }),
    ];
    expect(ids(orderByPriority(list))).toEqual(['b', 'a', 'c']);
  });
});

describe('orderByLatency', () => {
  it('puts unmeasured providers first, then the fastest average', () => {
    const list = [
      candidate('slow', { latencyMs: 900 }),
      candidate('fast', { latencyMs: 100 }),
      candidate('new'),
    ];
    expect(ids(orderByLatency(list))).toEqual(['new', 'fast', 'slow']);
  });
});

describe('orderByHealth', () => {
  it('prefers closed circuits, then fewer failures, then priority', () => {
    const list = [
      candidate('probe', { breaker: 'half_open', priority: 9 }),
      candidate('flaky', { failures: 2, priority: 9 }),
      candidate('clean', { priority: 0 }),
      candidate('clean-high', { priority: 3 }),
    ];
    expect(ids(orderByHealth(list))).toEqual(['clean-high', 'clean', 'flaky', 'probe']);
  });
});

describe('WeightedRoundRobin', () => {
  it('splits 1,000 picks by weight within 5%', () => {
    const rr = new WeightedRoundRobin();
    const list = [
      candidate('a', { weight: 70 }),
      candidate('b', { weight: 20 }),
      candidate('c', { weight: 10 }),
    ];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 1000; i += 1) counts[rr.order(list)[0].id] += 1;
    expect(Math.abs(counts.a - 700)).toBeLessThanOrEqual(50);
    expect(Math.abs(counts.b - 200)).toBeLessThanOrEqual(50);
    expect(Math.abs(counts.c - 100)).toBeLessThanOrEqual(50);
    // Smooth WRR is exact over whole cycles.
    expect(counts).toEqual({ a: 700, b: 200, c: 100 });
  });

  it('interleaves rather than bursting', () => {
    const rr = new WeightedRoundRobin();
    const list = [candidate('a', { weight: 2 }), candidate('b', { weight: 1 })];
    const picks = Array.from({ length: 6 }, () => rr.order(list)[0].id);
    expect(picks).toEqual(['a', 'b', 'a', 'a', 'b', 'a']);
  });

  it('lists every other candidate after the pick as fallbacks, by priority', () => {
    const rr = new WeightedRoundRobin();
    const list = [
      candidate('a', { weight: 1, priority: 1 }),
      candidate('b', { weight: 0, priority: 9 }),
      candidate('c', { weight: 1, priority: 5 }),
    ];
    const first = rr.order(list);
    expect(first).toHaveLength(3);
    expect(ids(first.slice(1))).toEqual(first[0].id === 'a' ? ['b', 'c'] : ['b', 'a']);
  });

  it('never picks a zero-weight candidate first unless all weights are zero', () => {
    const rr = new WeightedRoundRobin();
    const list = [candidate('a', { weight: 0, priority: 9 }), candidate('b', { weight: 1 })];
    for (let i = 0; i < 5; i += 1) expect(rr.order(list)[0].id).toBe('b');
    const zeros = [candidate('a', { weight: 0 }), candidate('b', { weight: 0, priority: 2 })];
    expect(ids(rr.order(zeros))).toEqual(['b', 'a']);
  });
});

describe('orderCandidates', () => {
  it('drops open circuits under every strategy but keeps half-open ones', () => {
    const list = [
      candidate('open', { breaker: 'open', priority: 9 }),
      candidate('half', { breaker: 'half_open' }),
      candidate('ok'),
    ];
    for (const strategy of ['priority', 'round_robin', 'least_latency', 'health_first'] as const) {
      const out = ids(orderCandidates(strategy, list, new WeightedRoundRobin()));
      expect(out).not.toContain('open');
      expect(out.sort()).toEqual(['half', 'ok']);
    }
  });
});
