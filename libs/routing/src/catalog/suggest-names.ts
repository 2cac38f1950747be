import { normalizeModelKey } from './model-names';

const MAX_SUGGESTIONS = 5;

/** Levenshtein distance that gives up (returns `limit + 1`) once every path exceeds `limit`. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  return i;
}

/**
 * Up to five candidates closest to `requested`: edit distance on the lookup form, minus a bonus
 * for a shared prefix (people mistype the end of a name more than its start). Runs only when a
 * lookup failed, so a linear pass over the names is fine.
 */
export function suggestNames(requested: string, candidates: Iterable<string>): string[] {
  const target = normalizeModelKey(requested);
  const limit = Math.max(3, Math.ceil(target.length / 2));
  const scored: { name: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const name of candidates) {
    if (seen.has(name)) continue;
    seen.add(name);
    const key = normalizeModelKey(name);
    const distance = boundedEditDistance(target, key, limit);
    const prefix = commonPrefixLength(target, key);
    const contains = key.includes(target) || target.includes(key);
    if (distance > limit && !contains) continue;
    const score = Math.min(distance, limit) - Math.min(prefix, 12) / 4 - (contains ? 2 : 0);
    scored.push({ name, score });
  }
  scored.sort(
    (a, b) => a.score - b.score || a.name.length - b.name.length || (a.name < b.name ? -1 : 1),
  );
  return scored.slice(0, MAX_SUGGESTIONS).map((candidate) => candidate.name);
}
