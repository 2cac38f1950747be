import { type BreakerState } from '../resilience/circuit-breaker';
import { byPriority, type RoutableCandidate } from './strategy';

const HEALTH_RANK: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * Healthiest first: closed circuits before half-open ones (a half-open provider only gets its
 * probe when nothing healthy is left), then fewer recent failures, then priority.
 */
export function orderByHealth<T extends RoutableCandidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort(
    (a, b) =>
      HEALTH_RANK[a.breaker] - HEALTH_RANK[b.breaker] ||
      a.failures - b.failures ||
      byPriority(a, b),
  );
}
