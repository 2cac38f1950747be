import { byPriority, type RoutableCandidate } from './strategy';

/**
 * Smooth weighted round-robin (the algorithm of nginx's upstream module): each pick adds every
 * candidate's weight to its running score, takes the highest score and subtracts the total. Over
 * any run of `sum(weights)` picks each candidate is chosen exactly `weight` times, spread out
 * rather than in bursts. State is kept per candidate set, so one instance serves many routes.
 */
export class WeightedRoundRobin {
  private readonly scores = new Map<string, Map<string, number>>();

  /** The next candidate by weight, then the rest by priority as fallbacks. */
  order<T extends RoutableCandidate>(candidates: readonly T[]): T[] {
    const eligible = candidates.filter((c) => c.weight > 0);
    if (eligible.length === 0) return [...candidates].sort(byPriority);
    const setKey = eligible
      .map((c) => c.id)
      .sort()
      .join('\u0000');
    let scores = this.scores.get(setKey);
    if (!scores) {
      scores = new Map();
      this.scores.set(setKey, scores);
    }
    let total = 0;
    let best: T | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const candidate of eligible) {
      const score = (scores.get(candidate.id) ?? 0) + candidate.weight;
      scores.set(candidate.id, score);
      total += candidate.weight;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    scores.set(best!.id, bestScore - total);
    return [best!, ...[...candidates].filter((c) => c !== best).sort(byPriority)];
  }

  /** Forgets state (after a configuration change). */
  reset(): void {
    this.scores.clear();
  }
}
