import { exceedsDepth, findUnstorableText, ownValue, toWellFormed } from './input-guards';

function nested(depth: number): unknown {
  let v: unknown = {};
  for (let i = 1; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

describe('input guards', () => {
  it('measures nesting without recursing', () => {
    expect(exceedsDepth(nested(128))).toBe(false);
    expect(exceedsDepth(nested(129))).toBe(true);
    expect(exceedsDepth(nested(100_000))).toBe(true);
    expect(exceedsDepth('x')).toBe(false);
  });

  it('finds NUL and lone surrogates in keys and values, with their path', () => {
    expect(findUnstorableText({ a: ['ok', 'x\u0000'] })).toEqual({
      path: 'a.1',
      message: 'must not contain NUL characters',
    });
    expect(findUnstorableText({ m: { '\udc00': 'x' } })?.path).toBe('m.\udc00');
    expect(findUnstorableText({ ok: '😀 ключ', n: 1, b: null })).toBeUndefined();
    expect(findUnstorableText(nested(200))?.message).toMatch(/deeper than 128/);
  });

  it('replaces lone surrogates and keeps pairs', () => {
    expect(toWellFormed('a\ud800b\udc00😀')).toBe('a\ufffdb\ufffd😀');
  });

  it('looks up own keys only', () => {
    const table: Record<string, string[]> = { a: ['b'] };
    expect(ownValue(table, 'a')).toEqual(['b']);
    expect(ownValue(table, 'constructor')).toBeUndefined();
    expect(ownValue(table, '__proto__')).toBeUndefined();
  });
});
