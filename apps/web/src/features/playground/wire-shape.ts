import {
  WIRE_BODY_MAX_BYTES,
  WIRE_DEBUG_HEADER,
  WIRE_DEBUG_VALUE,
  type WireAttempt,
  type WireBody,
} from '@gateway/contracts';

/** Sent with every playground call: the gateway keeps the upstream exchange for the wire panel. */
export const WIRE_REQUEST_HEADERS: Record<string, string> = {
  [WIRE_DEBUG_HEADER]: WIRE_DEBUG_VALUE,
};

/** The playground's own side of a call: what it sent and what it received. */
export interface ClientExchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  /** Text as sent (JSON, or a multipart form described field by field). */
  requestBody: string;
  /** Null while no answer came. */
  status: number | null;
  responseHeaders: Record<string, string>;
  /** The answer as text (raw SSE for a stream), or null for a binary answer. */
  responseBody: string | null;
  /** What a binary answer was ("audio/mpeg, 12.4 KB"), or that a long one was cut. */
  responseNote: string | null;
}

/** The client view of a request about to be sent (`POST /v1/…`); the gateway secret is masked. */
export function clientRequest(route: string, secret: string, body: unknown): ClientExchange {
  const form = body instanceof FormData;
  const space = route.indexOf(' ');
  return {
    method: route.slice(0, space),
    url: route.slice(space + 1),
    requestHeaders: {
      authorization: `Bearer ${maskSecret(secret)}`,
      'content-type': form ? 'multipart/form-data' : 'application/json',
      ...WIRE_REQUEST_HEADERS,
    },
    requestBody: form ? describeForm(body) : JSON.stringify(body, null, 2),
    status: null,
    responseHeaders: {},
    responseBody: null,
    responseNote: null,
  };
}

/** Keeps the last 4 characters of a long secret, as the dashboard shows keys. */
export function maskSecret(secret: string): string {
  return secret.length >= 20 ? `••••${secret.slice(-4)}` : '••••';
}

/** A multipart form, one line per field; files by name, type and size. */
export function describeForm(form: FormData): string {
  const lines: string[] = [];
  for (const [name, value] of form.entries()) {
    lines.push(
      typeof value === 'string'
        ? `${name}: ${value}`
        : `${name}: ${value.name || 'blob'} (${value.type || 'application/octet-stream'}, ${formatBytes(value.size)})`,
    );
  }
  return lines.join('\n');
}

export function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** What the gateway says about a call in its `x-gateway-*` headers. */
export interface GatewayInfo {
  requestId: string | null;
  provider: string | null;
  model: string | null;
  attempts: number | null;
  overheadMs: number | null;
}

export function gatewayInfo(headers: Record<string, string>): GatewayInfo {
  const number = (name: string) => {
    const value = Number(headers[name]);
    return headers[name] !== undefined && Number.isFinite(value) ? value : null;
  };
  return {
    requestId: headers['x-gateway-request-id'] ?? null,
    provider: headers['x-gateway-provider'] ?? null,
    model: headers['x-gateway-model'] ?? null,
    attempts: number('x-gateway-attempts'),
    overheadMs: number('x-gateway-overhead-ms'),
  };
}

/** The `x-gateway-*` headers alone, sorted, for display. */
export function gatewayHeaderRows(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers)
    .filter(([name]) => name.startsWith('x-gateway-'))
    .sort(([a], [b]) => a.localeCompare(b));
}

/** JSON indented for reading; anything else as it came. */
export function prettyBody(text: string, contentType: string | null = null): string {
  const looksJson = contentType === null || contentType.includes('json');
  if (!looksJson) return text;
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

export function isEventStream(contentType: string | null): boolean {
  return contentType?.includes('text/event-stream') ?? false;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A line under a body: binary bodies are counted, not kept; long ones are cut at the cap. */
export function bodyNote(body: WireBody): string | null {
  if (body.text === null && body.bytes > 0)
    return `${body.content_type ?? 'binary'}, ${formatBytes(body.bytes)} (not kept)`;
  if (body.truncated)
    return `first ${formatBytes(WIRE_BODY_MAX_BYTES)} of ${formatBytes(body.bytes)} kept`;
  return null;
}

/** "1 · anthropic · 200 · 412 ms" for the attempt tabs. */
export function attemptLabel(attempt: WireAttempt, index: number): string {
  const outcome = attempt.response ? String(attempt.response.status) : 'no answer';
  const took = attempt.duration_ms === null ? '' : ` · ${Math.round(attempt.duration_ms)} ms`;
  return `${index + 1} · ${attempt.provider} · ${outcome}${took}`;
}

/** Keeps a received text body under the wire cap, saying so when it was cut. */
export function capText(text: string): { text: string; note: string | null } {
  if (text.length <= WIRE_BODY_MAX_BYTES) return { text, note: null };
  return {
    text: text.slice(0, WIRE_BODY_MAX_BYTES),
    note: `first ${formatBytes(WIRE_BODY_MAX_BYTES)} of ${formatBytes(text.length)} shown`,
  };
}
