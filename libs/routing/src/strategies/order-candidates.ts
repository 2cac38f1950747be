import { orderByHealth } from './health-first';
import { orderByLatency } from './least-latency';
import { orderByPriority } from './priority';
import { type RoutableCandidate, type StrategyName } from './strategy';
import { type WeightedRoundRobin } from './weighted-round-robin';

/**
 * Orders the candidates of one route by the strategy. Open circuits are dropped (a half-open one
 * stays, to carry its probe); the caller tries the result front to back.
 */
export function orderCandidates<T extends RoutableCandidate>(
  strategy: StrategyName,
  candidates: readonly T[],
  roundRobin: WeightedRoundRobin,
): T[] {
  const usable = candidates.filter((c) => c.breaker !== 'open');
  switch (strategy) {
    case 'priority':
      return orderByPriority(usable);
    case 'round_robin':
      return roundRobin.order(usable);
    case 'least_latency':
      return orderByLatency(usable);
    case 'health_first':
      return orderByHealth(usable);
  }
}
