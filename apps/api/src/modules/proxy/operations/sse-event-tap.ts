import { StringDecoder } from 'node:string_decoder';
import { SseParser } from '@gateway/converters';
import { safeJson } from '../request-body';

/**
 * Watches SSE bytes passing through unchanged and hands each JSON event whose data contains `marker`
 * to `onEvent` (usage-carrying events: `transcript.text.done`, `speech.audio.done`). Other events are
 * never parsed as JSON.
 */
export class SseEventTap {
  private readonly decoder = new StringDecoder('utf8');
  private readonly sse = new SseParser();

  constructor(
    private readonly marker: string,
    private readonly onEvent: (event: Record<string, any>) => void,
  ) {}

  push(chunk: Buffer): void {
    for (const ev of this.sse.push(this.decoder.write(chunk))) this.inspect(ev.data);
  }

  end(): void {
    for (const ev of this.sse.push(this.decoder.end())) this.inspect(ev.data);
    for (const ev of this.sse.end()) this.inspect(ev.data);
  }

  private inspect(data: string): void {
    if (!data.includes(this.marker)) return;
    const event = safeJson(data);
    if (event) this.onEvent(event);
  }
}
