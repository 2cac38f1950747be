import { MAX_BUCKETS, assertRange, bucketStarts, floorTo, isoDate } from './time-range';

const at = (iso: string) => Date.parse(iso);

describe('time range', () => {
  it('floors to UTC minute, hour and day', () => {
    const t = at('2026-03-04T05:06:07.890Z');
    expect(new Date(floorTo(t, 'minute')).toISOString()).toBe('2026-03-04T05:06:00.000Z');
    expect(new Date(floorTo(t, 'hour')).toISOString()).toBe('2026-03-04T05:00:00.000Z');
    expect(new Date(floorTo(t, 'day')).toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(isoDate(t)).toBe('2026-03-04');
  });

  it('lists bucket starts from floor(from) while before `to`', () => {
    const starts = bucketStarts(
      new Date('2026-03-04T05:30:00Z'),
      new Date('2026-03-04T08:00:00Z'),
      'hour',
    );
    expect(starts.map((s) => new Date(s).toISOString())).toEqual([
      '2026-03-04T05:00:00.000Z',
      '2026-03-04T06:00:00.000Z',
      '2026-03-04T07:00:00.000Z',
    ]);
  });

  it('rejects an empty or inverted range and too many buckets', () => {
    const d = new Date('2026-03-04T00:00:00Z');
    expect(() => bucketStarts(d, d, 'day')).toThrow(RangeError);
    expect(() => bucketStarts(new Date(d.getTime() + 1), d, 'day')).toThrow(RangeError);
    const far = new Date(d.getTime() + (MAX_BUCKETS + 1) * 60_000);
    expect(() => bucketStarts(d, far, 'minute')).toThrow(/limit is 10000/);
  });

  it('rejects instants before 2000 or from 2200 on, where the store cannot answer', () => {
    const ok = new Date('2026-03-04T00:00:00Z');
    expect(() => assertRange(new Date('1970-01-01T00:00:00Z'), ok)).toThrow(/between 2000/);
    expect(() => assertRange(ok, new Date(8.64e15))).toThrow(/between 2000/);
    expect(() => bucketStarts(new Date(-8.64e15), ok, 'day')).toThrow(RangeError);
    expect(() => assertRange(new Date('2000-01-01T00:00:00Z'), ok)).not.toThrow();
  });
});
