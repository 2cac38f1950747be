import { byPriority, type RoutableCandidate } from './strategy';

/** Priority with fallback: the highest priority first, the others in order as fallbacks. */
export function orderByPriority<T extends RoutableCandidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort(byPriority);
}
