import { SseParser } from '@gateway/converters';

// The events that end a Responses stream carry the whole response object.
// https://platform.openai.com/docs/api-reference/responses-streaming
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Reads the Responses SSE a client receives (passed through or converted alike) and hands over the
 * final response object once its terminal event goes by. Only that event's data is parsed.
 */
export class ResponsesStreamCapture {
  private readonly sse = new SseParser();
  private done = false;

  constructor(private readonly onResponse: (response: Record<string, unknown>) => void) {}

  push(text: string): void {
    if (!this.done && text.length > 0) for (const e of this.sse.push(text)) this.read(e);
  }

  end(): void {
    if (!this.done) for (const e of this.sse.end()) this.read(e);
  }

  private read(e: { event?: string; data: string }): void {
    if (this.done || (e.event !== undefined && !TERMINAL.has(e.event))) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(e.data);
    } catch {
      return;
    }
    const ev = parsed as { type?: unknown; response?: unknown };
    if (typeof ev.type !== 'string' || !TERMINAL.has(ev.type)) return;
    if (!ev.response || typeof ev.response !== 'object' || Array.isArray(ev.response)) return;
    this.done = true;
    this.onResponse(ev.response as Record<string, unknown>);
  }
}
