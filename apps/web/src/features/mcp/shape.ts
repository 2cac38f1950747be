import { MCP_SERVER_NAME, type CreateMcpServerInput } from '@gateway/contracts';
import { readNumber, type FormResult } from '../providers/shape';

export interface McpServerFormValues {
  name: string;
  url: string;
  /** One `Name: value` per line. */
  headers: string;
  price_per_call_usd: string;
  timeout_ms: string;
}

export function emptyMcpServerForm(): McpServerFormValues {
  return { name: '', url: '', headers: '', price_per_call_usd: '', timeout_ms: '' };
}

/** `Name: value` lines → a header object; a line without a colon is an error naming its number. */
export function parseHeaderLines(
  text: string,
): { ok: true; headers: Record<string, string> } | { ok: false; error: string } {
  const headers: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      return { ok: false, error: `line ${i + 1}: expected "Header-Name: value"` };
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return { ok: true, headers };
}

/** Form → `POST /gateway/:id/mcp-servers` body (streamable HTTP servers). */
export function toMcpServerBody(values: McpServerFormValues): FormResult<CreateMcpServerInput> {
  const errors: Record<string, string> = {};
  const name = values.name.trim();
  if (!MCP_SERVER_NAME.test(name)) {
    errors.name = 'lowercase letters, digits, - or _ (no "__"), at most 32';
  }
  const url = values.url.trim();
  if (!/^https?:\/\/\S+$/.test(url)) errors.url = 'an http(s) URL';
  const headers = parseHeaderLines(values.headers);
  if (!headers.ok) errors.headers = headers.error;
  const body: CreateMcpServerInput = { name, url, transport: 'http' };
  if (values.price_per_call_usd.trim()) {
    const price = readNumber(
      values.price_per_call_usd,
      'price_per_call_usd',
      { min: 0, max: 1000, integer: false },
      errors,
    );
    if (price !== undefined) body.price_per_call_usd = price;
  }
  if (values.timeout_ms.trim()) {
    const timeout = readNumber(values.timeout_ms, 'timeout_ms', { min: 100, max: 600_000 }, errors);
    if (timeout !== undefined) body.timeout_ms = timeout;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (headers.ok) body.headers = headers.headers;
  return { ok: true, body };
}
