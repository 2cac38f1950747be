import { describe, expect, it } from 'vitest';
import { formatCost, formatCount, formatMs, formatPercent, formatPricePerMillion } from './format';

describe('formatCost', () => {
  it('shows cents for ordinary amounts', () => {
    expect(formatCost(1.5)).toBe('$1.50');
    expect(formatCost(0)).toBe('$0.00');
    expect(formatCost(12.345)).toBe('$12.35');
  });

  it('keeps two significant digits for sub-cent request costs', () => {
    expect(formatCost(0.000345)).toBe('$0.00034');
    expect(formatCost(0.001)).toBe('$0.001');
    expect(formatCost(0.0000001)).toBe('<$0.000001');
  });

  it('marks unknown cost with a dash, not zero', () => {
    expect(formatCost(null)).toBe('—');
    expect(formatCost(undefined)).toBe('—');
  });
});

describe('number formats', () => {
  it('formats counts, durations, percentages and per-million prices', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(2_500_000)).toBe('2.5M');
    expect(formatMs(87.6)).toBe('88 ms');
    expect(formatMs(1530)).toBe('1.53 s');
    expect(formatPercent(12.345)).toBe('12.3%');
    expect(formatPercent(0.05)).toBe('<0.1%');
    expect(formatPricePerMillion(0.00000015)).toBe('$0.15');
    expect(formatPricePerMillion(0.0000025)).toBe('$2.50');
    expect(formatPricePerMillion(null)).toBe('—');
  });
});
