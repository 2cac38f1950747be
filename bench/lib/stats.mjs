// Percentiles over raw samples (microseconds); the runs are short enough to keep every sample.

/** p50 / p90 / p99 / max of `samples` (nearest rank), rounded to whole microseconds. */
export function summarize(samples) {
  if (samples.length === 0) return { n: 0, p50: null, p90: null, p99: null, max: null };
  const sorted = Float64Array.from(samples).sort();
  const at = (p) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return {
    n: sorted.length,
    p50: Math.round(at(50)),
    p90: Math.round(at(90)),
    p99: Math.round(at(99)),
    max: Math.round(sorted[sorted.length - 1]),
  };
}

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Each percentile of `target` minus the same percentile of `base` (what the hop adds). */
export function added(target, base) {
  const out = {};
  for (const p of ['p50', 'p90', 'p99']) {
    out[p] = target[p] === null || base[p] === null ? null : target[p] - base[p];
  }
  return out;
}

export function ratio(a, b) {
  return a === null || b === null || b === 0 ? null : a / b;
}

/** wrk runs of one target (alternating rounds) as one figure: the median req/s, every run, errors summed. */
export function summarizeWrk(runs) {
  return {
    rps: Math.round(median(runs.map((r) => r.rps))),
    runs: runs.map((r) => Math.round(r.rps)),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
  };
}
