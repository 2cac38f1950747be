export class InvalidCursorError extends Error {
  constructor() {
    super('invalid logs cursor');
    this.name = 'InvalidCursorError';
  }
}

export interface LogCursor {
  timestampMs: number;
  requestId: string;
}

/** Opaque keyset cursor: base64url of `[timestampMs, requestId]` of the last row of a page. */
export function encodeCursor(c: LogCursor): string {
  return Buffer.from(JSON.stringify([c.timestampMs, c.requestId])).toString('base64url');
}

export function decodeCursor(cursor: string): LogCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !Number.isSafeInteger(value[0]) ||
    typeof value[1] !== 'string'
  ) {
    throw new InvalidCursorError();
  }
  return { timestampMs: value[0] as number, requestId: value[1] };
}
