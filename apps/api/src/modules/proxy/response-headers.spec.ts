import { droppedParamsHeader, headerSafe } from './response-headers';

describe('response header values', () => {
  it('keeps printable ASCII and percent-encodes anything else', () => {
    expect(headerSafe('gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(headerSafe('модель')).toBe(encodeURIComponent('модель'));
    expect(headerSafe('a\r\nx-injected: 1')).toBe('a%0D%0Ax-injected%3A%201');
    expect(headerSafe('x\ud800')).toBe('x%EF%BF%BD');
    expect(headerSafe('m'.repeat(20_000))).toHaveLength(512);
  });

  it('lists only parameter-like names, bounded, counting the rest', () => {
    expect(droppedParamsHeader(['logit_bias', 'top_k'])).toBe('logit_bias,top_k');
    expect(droppedParamsHeader(['logit_bias', 'bad\u0001key', 'ключ', 'k'.repeat(20_000)])).toBe(
      'logit_bias,(+3 more)',
    );
    const many = droppedParamsHeader(Array.from({ length: 500 }, (_, i) => `param_${i}`));
    expect(many.length).toBeLessThanOrEqual(512);
    expect(many).toMatch(/\(\+\d+ more\)$/);
  });
});
