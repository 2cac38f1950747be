import { InvalidCursorError, decodeCursor, encodeCursor } from './log-cursor';

describe('log cursor', () => {
  it('round-trips a timestamp and request id through an opaque url-safe string', () => {
    const c = { timestampMs: 1_763_000_000_123, requestId: 'req/+=é"' };
    const encoded = encodeCursor(c);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(c);
  });

  it.each([
    ['garbage', '%%%'],
    ['not json', Buffer.from('nope').toString('base64url')],
    ['wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['fractional time', Buffer.from('[1.5,"x"]').toString('base64url')],
    ['non-string id', Buffer.from('[1,2]').toString('base64url')],
  ])('rejects %s', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidCursorError);
  });
});
