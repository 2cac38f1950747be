import { type BreakerState } from '../resilience/circuit-breaker';

export const STRATEGY_NAMES = ['priority', 'round_robin', 'least_latency', 'health_first'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export function isStrategyName(value: unknown): value is StrategyName {
  return typeof value === 'string' && (STRATEGY_NAMES as readonly string[]).includes(value);
}

/** What a strategy knows about one provider it may route to. */
export interface RoutableCandidate {
  readonly id: string;
  /** Higher is tried first (the convention of channel-based gateways). */
  readonly priority: number;
  /** Share of traffic under round-robin, relative to the other candidates' weights. */
  readonly weight: number;
  /** Moving average, undefined before the first answer. */
  readonly latencyMs?: number;
  readonly breaker: BreakerState;
  /** Failures in the breaker's current window. */
  readonly failures: number;
}

/** Higher priority first; equal priorities keep their given order (sort is stable). */
export function byPriority<T extends RoutableCandidate>(a: T, b: T): number {
  return b.priority - a.priority;
}
