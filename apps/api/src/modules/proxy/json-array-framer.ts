/**
 * Gemini's `:streamGenerateContent` without `alt=sse` streams one JSON array whose elements arrive one by
 * one. The gateway produces SSE internally; this re-frames complete `data:` events into array elements.
 */
export class JsonArrayFramer {
  private pending = '';
  private started = false;

  push(sse: string): string {
    this.pending += sse;
    let out = '';
    for (;;) {
      const match = /\r?\n\r?\n/.exec(this.pending);
      if (!match) break;
      const frame = this.pending.slice(0, match.index);
      this.pending = this.pending.slice(match.index + match[0].length);
      const data = frame
        .split(/\r?\n/)
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (!data || data === '[DONE]') continue;
      out += (this.started ? ',\r\n' : '[') + data;
      this.started = true;
    }
    return out;
  }

  end(): string {
    const rest = this.pending.trim() ? this.push('\n\n') : '';
    return rest + (this.started ? ']' : '[]');
  }
}
