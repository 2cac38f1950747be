const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** USD amounts: cents for normal sums, four significant digits for the tiny costs of single requests. */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || Number.isNaN(usd)) return '—';
  if (usd === 0) return '$0.00';
  const abs = Math.abs(usd);
  if (abs >= 0.01) return `$${usd.toFixed(2)}`;
  if (abs < 0.000001) return '<$0.000001';
  return `$${usd.toPrecision(2).replace(/0+$/, '')}`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Math.abs(value) >= 100_000 ? compact.format(value) : integer.format(value);
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** `value` is already a percentage (0–100). */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value === 0) return '0%';
  if (Math.abs(value) < 0.1) return '<0.1%';
  return `${value.toFixed(1)}%`;
}

/** Catalog prices are USD per token; people read them per million tokens. */
export function formatPricePerMillion(perToken: number | null | undefined): string {
  if (perToken === null || perToken === undefined) return '—';
  const perMillion = perToken * 1_000_000;
  return `$${perMillion < 1 ? perMillion.toPrecision(2) : perMillion.toFixed(2)}`;
}
