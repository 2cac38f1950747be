/**
 * Exponentially weighted moving average of latency. `alpha` is the weight of the newest sample;
 * 0.2 follows roughly the last ten requests, which keeps least-latency routing responsive without
 * flapping on one slow answer.
 */
export class LatencyAverage {
  private value: number | undefined;
  private count = 0;

  constructor(private readonly alpha = 0.2) {
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError('alpha must be in (0, 1]');
  }

  add(latencyMs: number): void {
    this.count += 1;
    this.value =
      this.value === undefined ? latencyMs : this.value + this.alpha * (latencyMs - this.value);
  }

  /** Undefined until the first sample. */
  get average(): number | undefined {
    return this.value;
  }

  get samples(): number {
    return this.count;
  }
}
