// multipart/form-data (RFC 7578) as the OpenAI SDK sends uploads (audio, images): the gateway reads a few
// text fields (model, response_format, stream) and forwards the body with every other byte untouched.
import { InvalidRequestError } from '../../../common/domain-errors';

export interface FormPart {
  name: string;
  /** Set for file parts. */
  filename?: string;
  /** Byte range of the part's content within the body. */
  start: number;
  end: number;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_PARTS = 1000;

/** The boundary of a `multipart/form-data` content type; undefined for any other type. */
export function formBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Splits a form into parts without copying: each part is a name and a byte range of `body`. */
export function parseForm(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const bad = (why: string) =>
    new InvalidRequestError(`The multipart/form-data body is malformed: ${why}`);
  let at = body.indexOf(delimiter);
  if (at === -1) throw bad('no boundary found');
  const parts: FormPart[] = [];
  const next = Buffer.from(`\r\n--${boundary}`);
  for (;;) {
    at += delimiter.length;
    // `--` right after a delimiter closes the form.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts;
    if (body.indexOf(CRLF, at) !== at) throw bad('a boundary line does not end with CRLF');
    const headersEnd = body.indexOf(HEADER_END, at);
    if (headersEnd === -1) throw bad('a part has no end of headers');
    const headers = body.toString('latin1', at + 2, headersEnd);
    const start = headersEnd + HEADER_END.length;
    const end = body.indexOf(next, start);
    if (end === -1) throw bad('a part is not closed by a boundary');
    const disposition = /^content-disposition:\s*form-data\s*;(.*)$/im.exec(headers)?.[1];
    if (disposition === undefined) throw bad('a part has no Content-Disposition: form-data');
    const name = paramOf(disposition, 'name');
    if (name === undefined) throw bad('a part has no name');
    parts.push({ name, filename: paramOf(disposition, 'filename'), start, end });
    if (parts.length > MAX_PARTS) throw bad(`more than ${MAX_PARTS} parts`);
    at = end + 2;
  }
}

/** A quoted (or bare) parameter of a Content-Disposition header, decoded as UTF-8. */
function paramOf(disposition: string, param: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(
    disposition,
  );
  if (!match) return undefined;
  const raw = match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
  // Headers were read as latin1 so the bytes survive; names are UTF-8 on the wire.
  return Buffer.from(raw, 'latin1').toString('utf8');
}

/** The text of the first part called `name` (a form field), or undefined. */
export function formField(body: Buffer, parts: FormPart[], name: string): string | undefined {
  const part = parts.find((p) => p.name === name && p.filename === undefined);
  return part && body.toString('utf8', part.start, part.end);
}

/**
 * The same body with the content of field `name` replaced by `value` (appended as a last field when
 * the form has none): every other byte, file contents included, is copied as it was.
 */
export function withFormField(
  body: Buffer,
  parts: FormPart[],
  boundary: string,
  name: string,
  value: string,
): Buffer {
  const part = parts.find((p) => p.name === name && p.filename === undefined);
  if (part) {
    return Buffer.concat([
      body.subarray(0, part.start),
      Buffer.from(value, 'utf8'),
      body.subarray(part.end),
    ]);
  }
  const closing = body.lastIndexOf(Buffer.from(`--${boundary}--`));
  const field = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return Buffer.concat([
    body.subarray(0, closing),
    Buffer.from(field, 'utf8'),
    body.subarray(closing),
  ]);
}
