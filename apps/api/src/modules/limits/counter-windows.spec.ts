import { periodEnd, periodId, periodSpan, startOfNextPeriod } from './counter-windows';

/** What periodId computed before it was cached: the ISO string of the instant. */
const isoPeriod = (period: 'day' | 'month', now: number) =>
  new Date(now).toISOString().slice(0, period === 'day' ? 10 : 7);

describe('periodId and startOfNextPeriod (cached per UTC day and month)', () => {
  it('turns at UTC midnight', () => {
    const before = Date.parse('2026-03-10T23:59:59.999Z');
    const after = before + 1;
    expect(periodId('day', before)).toBe('2026-03-10');
    expect(startOfNextPeriod('day', before)).toBe(after);
    expect(periodId('day', after)).toBe('2026-03-11');
    expect(startOfNextPeriod('day', after)).toBe(Date.parse('2026-03-12T00:00:00Z'));
    // And back: a clock that goes back in time finds its own day again.
    expect(periodId('day', before)).toBe('2026-03-10');
    expect(periodId('month', before)).toBe('2026-03');
    expect(periodId('month', after)).toBe('2026-03');
  });

  it('turns at the first of the month, across years and leap days', () => {
    const cases: [string, string, string][] = [
      ['2026-03-31T23:59:59.999Z', '2026-03', '2026-04-01T00:00:00Z'],
      ['2026-04-01T00:00:00.000Z', '2026-04', '2026-05-01T00:00:00Z'],
      ['2026-12-31T23:59:59.999Z', '2026-12', '2027-01-01T00:00:00Z'],
      ['2027-01-01T00:00:00.000Z', '2027-01', '2027-02-01T00:00:00Z'],
      ['2028-02-29T12:00:00.000Z', '2028-02', '2028-03-01T00:00:00Z'],
      ['2027-02-28T23:59:59.999Z', '2027-02', '2027-03-01T00:00:00Z'],
    ];
    for (const [at, id, next] of cases) {
      const now = Date.parse(at);
      expect(periodId('month', now)).toBe(id);
      expect(startOfNextPeriod('month', now)).toBe(Date.parse(next));
      expect(periodId('day', now)).toBe(at.slice(0, 10));
    }
  });

  it('agrees with the ISO date of the instant and periodEnd of its id, for any instant', () => {
    let t = Date.parse('1999-12-31T00:00:00Z');
    const end = Date.parse('2031-01-02T00:00:00Z');
    // Steps of just under 7 hours hit every hour of the day and every month turn; some go back.
    const wrong: string[] = [];
    for (let i = 0; t < end; i++) {
      t += i % 5 === 4 ? -3_600_000 : 24_999_999;
      for (const period of ['day', 'month'] as const) {
        const id = periodId(period, t);
        const span = periodSpan(period, t);
        if (
          id !== isoPeriod(period, t) ||
          startOfNextPeriod(period, t) !== periodEnd(id) ||
          !(span.start <= t && t < span.end)
        ) {
          wrong.push(`${period} of ${new Date(t).toISOString()}: ${id}, ends ${span.end}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('follows a fake clock that jumps around', () => {
    const instants = [
      '2026-03-10T12:00:00Z',
      '2026-03-11T00:00:00Z',
      '2025-07-04T08:00:00Z',
      '2026-03-10T00:00:00Z',
      '2026-03-09T23:59:59.999Z',
    ].map(Date.parse);
    for (const now of instants) {
      expect(periodId('day', now)).toBe(isoPeriod('day', now));
      expect(periodId('month', now)).toBe(isoPeriod('month', now));
    }
  });
});
