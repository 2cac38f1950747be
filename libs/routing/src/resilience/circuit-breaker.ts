export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerSettings {
  /** Failures within `windowMs` that open the circuit. */
  readonly failureThreshold: number;
  readonly windowMs: number;
  /** How long the circuit stays open before one probe request is let through. */
  readonly cooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = {
  failureThreshold: 5,
  windowMs: 60_000,
  cooldownMs: 30_000,
};

/**
 * Per-provider circuit breaker with a sliding failure window. The clock is passed in so the state
 * machine is pure and replicas can replay another replica's transition (`forceOpen`).
 *
 * closed → (threshold failures within window) → open → (cooldown elapsed) → half_open, where one
 * probe passes: success closes, failure re-opens for another cooldown.
 */
export class CircuitBreaker {
  private failures: number[] = [];
  private openedAt: number | undefined;
  private probeInFlight = false;
  private probeAt = 0;

  constructor(
    private settings: BreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  configure(settings: BreakerSettings): void {
    this.settings = settings;
  }

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.settings.cooldownMs ? 'half_open' : 'open';
  }

  /** Failures counted in the current window (closed state) or since opening. */
  get failureCount(): number {
    this.prune();
    return this.failures.length;
  }

  /** When the circuit opened (epoch ms), if it is not closed. */
  get openedSince(): number | undefined {
    return this.openedAt;
  }

  /** Whether a request may be sent now without taking the half-open probe slot. */
  isAvailable(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'half_open' && !this.probeBusy());
  }

  /** Claims the right to send one request; in half-open state only one probe at a time. */
  tryPass(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeBusy()) return false;
    this.probeInFlight = true;
    this.probeAt = this.now();
    return true;
  }

  onSuccess(): void {
    if (this.openedAt !== undefined && this.state !== 'half_open') return;
    this.reset();
  }

  /** Records a failure; returns true when this failure opened (or re-opened) the circuit. */
  onFailure(): boolean {
    const state = this.state;
    if (state === 'half_open') {
      this.open(this.now());
      return true;
    }
    if (state === 'open') return false;
    this.failures.push(this.now());
    this.prune();
    if (this.failures.length >= this.settings.failureThreshold) {
      this.open(this.now());
      return true;
    }
    return false;
  }

  /** Applies an opening observed elsewhere (another replica) at the time it happened. */
  forceOpen(openedAt: number): void {
    if (this.openedAt === undefined || openedAt > this.openedAt) this.open(openedAt);
  }

  /** Applies a close observed elsewhere. */
  forceClose(): void {
    this.reset();
  }

  // A probe whose outcome never arrived (the caller went away) frees its slot after one cooldown.
  private probeBusy(): boolean {
    return this.probeInFlight && this.now() - this.probeAt < this.settings.cooldownMs;
  }

  private open(at: number): void {
    this.openedAt = at;
    this.probeInFlight = false;
  }

  private reset(): void {
    this.openedAt = undefined;
    this.probeInFlight = false;
    this.failures = [];
  }

  private prune(): void {
    const cutoff = this.now() - this.settings.windowMs;
    let drop = 0;
    while (drop < this.failures.length && this.failures[drop] <= cutoff) drop += 1;
    if (drop > 0) this.failures = this.failures.slice(drop);
  }
}
