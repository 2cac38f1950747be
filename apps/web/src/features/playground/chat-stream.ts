/** One server-sent event (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Incremental SSE decoder: feed it text as it arrives and it returns the events completed so far.
 * Handles CRLF/LF/CR line ends, multi-line `data:`, comments (`: keep-alive`) and events split
 * across network chunks.
 */
export class SseDecoder {
  private buffer = '';
  private dataLines: string[] = [];
  private eventName = '';

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    let match: RegExpExecArray | null;
    const lineEnd = /\r\n|\n|\r/g;
    let consumed = 0;
    while ((match = lineEnd.exec(this.buffer)) !== null) {
      // A lone CR at the very end may be the first half of CRLF: wait for more text.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      this.line(this.buffer.slice(consumed, match.index), events);
      consumed = match.index + match[0].length;
    }
    this.buffer = this.buffer.slice(consumed);
    return events;
  }

  /** Call at end of stream: a final event without its blank line still counts. */
  flush(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.buffer) this.line(this.buffer, events);
    this.buffer = '';
    this.line('', events);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.dataLines.length > 0)
        events.push({ event: this.eventName || 'message', data: this.dataLines.join('\n') });
      this.dataLines = [];
      this.eventName = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
  }
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
}

export type ChatStreamUpdate =
  | { type: 'delta'; text: string }
  | { type: 'usage'; usage: ChatUsage }
  | { type: 'model'; model: string }
  | { type: 'done' }
  | { type: 'error'; message: string };

interface ChatChunk {
  model?: string;
  choices?: { delta?: { content?: string | null; reasoning_content?: string | null } }[];
  usage?: {
    prompt_tokens?: number;
    completion_tokens?: number;
    prompt_tokens_details?: { cached_tokens?: number } | null;
    completion_tokens_details?: { reasoning_tokens?: number } | null;
  } | null;
  error?: { message?: string };
}

/** What one OpenAI `chat.completion.chunk` event means for the playground. */
export function interpretChatEvent(event: SseEvent): ChatStreamUpdate[] {
  const data = event.data.trim();
  if (data === '[DONE]') return [{ type: 'done' }];
  let chunk: ChatChunk;
  try {
    chunk = JSON.parse(data) as ChatChunk;
  } catch {
    return [{ type: 'error', message: `Unreadable stream event: ${data.slice(0, 120)}` }];
  }
  if (chunk.error || event.event === 'error') {
    return [{ type: 'error', message: chunk.error?.message ?? 'The stream reported an error' }];
  }
  const updates: ChatStreamUpdate[] = [];
  if (chunk.model) updates.push({ type: 'model', model: chunk.model });
  for (const choice of chunk.choices ?? []) {
    const text = choice.delta?.content;
    if (text) updates.push({ type: 'delta', text });
  }
  if (chunk.usage) {
    updates.push({
      type: 'usage',
      usage: {
        promptTokens: chunk.usage.prompt_tokens ?? 0,
        completionTokens: chunk.usage.completion_tokens ?? 0,
        cachedTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
        reasoningTokens: chunk.usage.completion_tokens_details?.reasoning_tokens ?? 0,
      },
    });
  }
  return updates;
}

/**
 * Reads a streaming chat response body to the end, reporting each update as it is decoded (and the
 * raw text as it arrived, for the wire panel).
 */
export async function readChatStream(
  body: ReadableStream<Uint8Array>,
  onUpdate: (update: ChatStreamUpdate) => void,
  onText?: (text: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const sse = new SseDecoder();
  const emit = (events: SseEvent[]) => {
    for (const event of events) for (const update of interpretChatEvent(event)) onUpdate(update);
  };
  const push = (text: string) => {
    onText?.(text);
    emit(sse.push(text));
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    push(decoder.decode(value, { stream: true }));
  }
  push(decoder.decode());
  emit(sse.flush());
}
