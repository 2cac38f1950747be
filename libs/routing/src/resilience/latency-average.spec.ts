import { LatencyAverage } from './latency-average';

describe('LatencyAverage', () => {
  it('starts at the first sample and moves by alpha toward new ones', () => {
    const avg = new LatencyAverage(0.5);
    expect(avg.average).toBeUndefined();
    avg.add(100);
    expect(avg.average).toBe(100);
    avg.add(200);
    expect(avg.average).toBe(150);
    expect(avg.samples).toBe(2);
  });

  it('rejects an alpha outside (0, 1]', () => {
    expect(() => new LatencyAverage(0)).toThrow(RangeError);
  });
});
