import type { WireBody } from '@gateway/contracts';
import { BodyLog } from './body-log';

const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|x-ndjson|x-www-form-urlencoded))/i;
const BOUNDARY = /boundary=(?:"([^"]+)"|([^;\s]+))/i;
const FILE_PART = /filename=|content-type:\s*(?!text\/|application\/json)/i;

/** A body the wire view can show as text; without a content type, JSON is the gateway's default. */
export function isTextual(contentType: string | null): boolean {
  return contentType === null || TEXTUAL.test(contentType);
}

/**
 * The request body as the wire view shows it, capped: text as it is, multipart forms with each file
 * replaced by its size (the form fields stay readable), other binary bodies as a size only.
 */
export function describeRequestBody(
  body: unknown,
  contentType: string | null,
  max: number,
): WireBody {
  const bytes =
    typeof body === 'string'
      ? Buffer.from(body)
      : body instanceof Uint8Array
        ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
        : undefined;
  // Streamed bodies are not read twice; the gateway sends strings and buffers only.
  if (!bytes) return { content_type: contentType, bytes: 0, text: null, truncated: false };
  const boundary = contentType?.startsWith('multipart/') ? BOUNDARY.exec(contentType) : null;
  const text = boundary
    ? multipartSummary(bytes, boundary[1] ?? boundary[2])
    : isTextual(contentType)
      ? bytes.toString('utf8')
      : null;
  if (text === null)
    return { content_type: contentType, bytes: bytes.length, text, truncated: false };
  const log = new BodyLog(max);
  log.add(text);
  return {
    content_type: contentType,
    bytes: bytes.length,
    text: log.parts()[0]?.text ?? '',
    truncated: log.truncated,
  };
}

/** A multipart/form-data body with each file part's content replaced by `[N bytes]`. */
export function multipartSummary(body: Buffer, boundary: string): string {
  const delimiter = Buffer.from(`--${boundary}`);
  const out: string[] = [];
  let at = body.indexOf(delimiter);
  if (at === -1) return `[${body.length} bytes of multipart data without its boundary]`;
  for (;;) {
    const partStart = at + delimiter.length;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) {
      out.push(body.subarray(at).toString('utf8'));
      break;
    }
    const part = body.subarray(partStart, next);
    const headEnd = part.indexOf('\r\n\r\n');
    const head = headEnd === -1 ? part : part.subarray(0, headEnd);
    const headText = head.toString('utf8');
    if (headEnd !== -1 && FILE_PART.test(headText)) {
      // The content ends with the CRLF that precedes the next delimiter.
      const size = Math.max(0, part.length - headEnd - 4 - 2);
      out.push(`--${boundary}${headText}\r\n\r\n[${size} bytes]\r\n`);
    } else {
      out.push(`--${boundary}${part.toString('utf8')}`);
    }
    at = next;
  }
  return out.join('');
}
