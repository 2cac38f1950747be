import { BODY_LOG_MAX_BYTES } from '../gateways/dto/gateway.dto';

const MARK = '…[truncated]';

/** A body as stored with its analytics event: at most BODY_LOG_MAX_BYTES bytes of UTF-8. */
export function capBody(text: string, max = BODY_LOG_MAX_BYTES): string {
  if (Buffer.byteLength(text) <= max) return text;
  // Cut on a character boundary: decoding a byte-truncated buffer drops a split trailing character.
  return (
    Buffer.from(text)
      .subarray(0, max)
      .toString('utf8')
      .replace(/\uFFFD$/, '') + MARK
  );
}

/** Collects a streamed body until the cap; everything after it is not kept. */
export class BodyLog {
  private parts: string[] = [];
  private bytes = 0;

  constructor(private readonly max = BODY_LOG_MAX_BYTES) {}

  add(chunk: string): void {
    if (this.bytes > this.max || chunk.length === 0) return;
    this.parts.push(chunk);
    this.bytes += Buffer.byteLength(chunk);
  }

  text(): string {
    return capBody(this.parts.join(''), this.max);
  }
}
