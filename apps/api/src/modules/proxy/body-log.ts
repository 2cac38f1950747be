import { BODY_LOG_MAX_BYTES } from '../gateways/dto/gateway.dto';

const MARK = '…[truncated]';

/** The longest start of `text` that fits in `max` bytes of UTF-8, cut on a character boundary. */
export function utf8Prefix(text: string, max: number): string {
  // Decoding a byte-truncated buffer turns a split trailing character into U+FFFD: drop it.
  return Buffer.from(text)
    .subarray(0, max)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}

/** A body as stored with its analytics event: at most BODY_LOG_MAX_BYTES bytes of UTF-8. */
export function capBody(text: string, max = BODY_LOG_MAX_BYTES): string {
  if (Buffer.byteLength(text) <= max) return text;
  return utf8Prefix(text, max) + MARK;
}

/** One kept piece of a body, with when it arrived (the caller's clock). */
export interface LoggedPiece {
  text: string;
  at: number;
}

/**
 * Collects a body piece by piece until the cap; what comes after it is counted, not kept. Used for
 * body logging (the analytics row) and for the wire view (pieces with their arrival times).
 */
export class BodyLog {
  private readonly pieces: LoggedPiece[] = [];
  private kept = 0;
  private seen = 0;
  private full = false;

  constructor(private readonly max = BODY_LOG_MAX_BYTES) {}

  add(chunk: string, at = 0): void {
    if (chunk.length === 0) return;
    const size = Buffer.byteLength(chunk);
    this.seen += size;
    if (this.full) return;
    if (this.kept + size <= this.max) {
      this.pieces.push({ text: chunk, at });
      this.kept += size;
      return;
    }
    const cut = utf8Prefix(chunk, this.max - this.kept);
    if (cut) this.pieces.push({ text: cut, at });
    this.kept += Buffer.byteLength(cut);
    this.full = true;
  }

  /** Bytes seen, kept or not. */
  get bytes(): number {
    return this.seen;
  }

  get truncated(): boolean {
    return this.seen > this.kept;
  }

  /** The kept pieces in arrival order. */
  parts(): readonly LoggedPiece[] {
    return this.pieces;
  }

  /** The kept text, marked when cut. */
  text(): string {
    const text = this.pieces.map((p) => p.text).join('');
    return this.truncated ? text + MARK : text;
  }
}
