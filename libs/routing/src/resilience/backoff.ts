export interface RetrySettings {
  readonly maxRetries: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 2, baseMs: 200, maxMs: 5_000 };

export type FailureKind = 'timeout' | 'connect' | 'http';

export interface AttemptOutcome {
  readonly ok: boolean;
  readonly status?: number;
  readonly kind?: FailureKind;
}

/**
 * Whether another attempt (same or next provider) may help: connection errors, timeouts, 429 and
 * 5xx yes; any other 4xx is the caller's fault and would fail the same way everywhere.
 */
/**
 * A fault of the provider's health (breaker food): connection failures, timeouts and 5xx. A 429 is
 * the provider pacing this caller, not a sign it is down: it moves the request to the next provider
 * but never opens the breaker (the provider's own retry-after says when to come back).
 */
export function isProviderFault(outcome: AttemptOutcome): boolean {
  return isRetriable(outcome) && outcome.status !== 429;
}

export function isRetriable(outcome: AttemptOutcome): boolean {
  if (outcome.ok) return false;
  if (outcome.kind === 'timeout' || outcome.kind === 'connect') return true;
  const status = outcome.status;
  if (status === undefined) return true;
  return status === 429 || status >= 500;
}

/**
 * `retry-after` as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when
 * absent or unparseable; never negative.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Delay before retry number `attempt` (0-based): "full jitter" exponential backoff,
 * uniform in [0, min(maxMs, baseMs·2^attempt)] (AWS architecture blog, "Exponential Backoff And
 * Jitter"). A `retry-after` from the upstream wins over the computed delay when it is longer.
 */
export function backoffDelayMs(
  attempt: number,
  settings: Pick<RetrySettings, 'baseMs' | 'maxMs'>,
  opts: { retryAfter?: string; random?: () => number; nowMs?: number } = {},
): number {
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, attempt));
  const jittered = Math.floor(random() * ceiling);
  const retryAfter = parseRetryAfter(opts.retryAfter, opts.nowMs ?? Date.now());
  return retryAfter === undefined ? jittered : Math.max(retryAfter, jittered);
}
