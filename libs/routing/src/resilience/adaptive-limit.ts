export type ConcurrencyMode = 'fixed' | 'adaptive';

export interface ConcurrencySettings {
  readonly mode: ConcurrencyMode;
  /** Fixed mode: the limit. Adaptive mode: the ceiling. */
  readonly max: number;
  readonly min: number;
  /** Average latency under which the limit may grow. */
  readonly latencyLowMs: number;
  /** Average latency over which the limit shrinks by `decreaseFactor`. */
  readonly latencyHighMs: number;
  /** Error share (0..1) over which the limit shrinks by `decreaseFactor²`. */
  readonly errorRateThreshold: number;
  readonly increaseStep: number;
  /** Multiplier in (0, 1) applied on a decrease. */
  readonly decreaseFactor: number;
  /** Statistics window: the limit is re-evaluated once per window with samples. */
  readonly windowMs: number;
  /** After a decrease, no increase and no further latency decrease for this long. */
  readonly cooldownMs: number;
  readonly queueSize: number;
  readonly queueTimeoutMs: number;
  readonly onSaturated: 'queue' | 'next';
}

export const DEFAULT_CONCURRENCY: ConcurrencySettings = {
  mode: 'fixed',
  max: 256,
  min: 1,
  latencyLowMs: 2_000,
  latencyHighMs: 10_000,
  errorRateThreshold: 0.2,
  increaseStep: 1,
  decreaseFactor: 0.7,
  windowMs: 10_000,
  cooldownMs: 5_000,
  queueSize: 100,
  queueTimeoutMs: 10_000,
  onSaturated: 'queue',
};

export type LimitChange = 'increase' | 'decrease' | 'error-decrease' | 'none';

/**
 * The in-flight limit of one provider. Fixed mode: always `max`. Adaptive mode (AIMD, as TCP
 * congestion control): at the end of each statistics window with samples, add `increaseStep` when
 * the average latency is under `latencyLowMs` and errors are under the threshold; multiply by
 * `decreaseFactor` when latency passes `latencyHighMs`; by `decreaseFactor²` when the error rate
 * passes its threshold (errors mean the provider is already refusing work). Adaptive mode starts
 * half-way between min and max so a fresh provider neither floods nor starves.
 */
export class AdaptiveLimit {
  private current: number;
  private windowStart: number;
  private samples = 0;
  private errors = 0;
  private latencySum = 0;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;

  constructor(
    private settings: ConcurrencySettings,
    private readonly now: () => number = Date.now,
  ) {
    this.current = AdaptiveLimit.initial(settings);
    this.windowStart = now();
  }

  private static initial(s: ConcurrencySettings): number {
    return s.mode === 'fixed' ? s.max : Math.max(s.min, Math.floor((s.min + s.max) / 2));
  }

  configure(settings: ConcurrencySettings): void {
    const modeChanged = settings.mode !== this.settings.mode;
    this.settings = settings;
    this.current = modeChanged
      ? AdaptiveLimit.initial(settings)
      : Math.min(settings.max, Math.max(settings.min, this.current));
    if (settings.mode === 'fixed') this.current = settings.max;
  }

  get limit(): number {
    return this.current;
  }

  /** Adds one finished request; returns what happened to the limit if a window just closed. */
  record(latencyMs: number, ok: boolean): LimitChange {
    if (this.settings.mode === 'fixed') return 'none';
    const change = this.maybeEvaluate();
    this.samples += 1;
    this.latencySum += latencyMs;
    if (!ok) this.errors += 1;
    return change;
  }

  /** Closes the window if its time is up (also called by `record`). */
  maybeEvaluate(): LimitChange {
    const now = this.now();
    if (now - this.windowStart < this.settings.windowMs) return 'none';
    const change = this.samples > 0 ? this.evaluate(now) : 'none';
    this.windowStart = now;
    this.samples = 0;
    this.errors = 0;
    this.latencySum = 0;
    return change;
  }

  private evaluate(now: number): LimitChange {
    const s = this.settings;
    const errorRate = this.errors / this.samples;
    const latency = this.latencySum / this.samples;
    const cooling = now - this.lastDecreaseAt < s.cooldownMs;
    if (errorRate > s.errorRateThreshold) {
      return this.decrease(s.decreaseFactor * s.decreaseFactor, now, 'error-decrease');
    }
    if (latency > s.latencyHighMs) {
      return cooling ? 'none' : this.decrease(s.decreaseFactor, now, 'decrease');
    }
    if (latency < s.latencyLowMs && !cooling && this.current < s.max) {
      this.current = Math.min(s.max, this.current + s.increaseStep);
      return 'increase';
    }
    return 'none';
  }

  private decrease(factor: number, now: number, kind: LimitChange): LimitChange {
    const next = Math.max(this.settings.min, Math.floor(this.current * factor));
    this.lastDecreaseAt = now;
    if (next === this.current) return 'none';
    this.current = next;
    return kind;
  }
}
