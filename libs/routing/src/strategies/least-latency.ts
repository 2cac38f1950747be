import { byPriority, type RoutableCandidate } from './strategy';

/**
 * Fastest moving-average latency first. A provider without samples goes first so it gets measured
 * (otherwise a new provider would never be tried); ties fall back to priority.
 */
export function orderByLatency<T extends RoutableCandidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort((a, b) => {
    const la = a.latencyMs ?? -1;
    const lb = b.latencyMs ?? -1;
    return la === lb ? byPriority(a, b) : la - lb;
  });
}
