import type { WireFormat } from '@gateway/converters';
import { USAGE_MARKER, usageFromStreamEvent, type TokenUsage } from './usage';

/**
 * Watches a same-format SSE stream passing through unchanged, to read its usage. Bytes are forwarded as
 * they come, line by line (a partial line waits for its newline, nothing more); only lines carrying the
 * format's usage marker are parsed. When the gateway asked an OpenAI upstream for usage on the client's
 * behalf (`include_usage` the client did not set), the usage-only final chunk is removed again.
 */
export class PassthroughStreamTap {
  usage: TokenUsage | undefined;
  private pending = '';
  /** The blank line ending a dropped event may arrive in a later chunk. */
  private dropNextBlank = false;
  private readonly marker: string;

  constructor(
    private readonly format: WireFormat,
    private readonly dropUsageChunk = false,
  ) {
    this.marker = USAGE_MARKER[format];
  }

  push(chunk: string): string {
    const text = this.pending + chunk;
    const cut = text.lastIndexOf('\n') + 1;
    this.pending = text.slice(cut);
    return this.inspect(text.slice(0, cut));
  }

  end(): string {
    const rest = this.pending;
    this.pending = '';
    // An unterminated last line is passed on as it is.
    return rest && this.inspect(rest + '\n').slice(0, -1);
  }

  private inspect(complete: string): string {
    if (this.dropNextBlank && complete.length > 0) {
      this.dropNextBlank = false;
      if (complete.startsWith('\r\n')) complete = complete.slice(2);
      else if (complete.startsWith('\n')) complete = complete.slice(1);
    }
    if (!complete.includes(this.marker)) return complete;
    // `complete` ends with a newline, so the last element of the split is always ''.
    const lines = complete.split('\n');
    lines.pop();
    let out = '';
    let dropBlank = false;
    for (const line of lines) {
      if (dropBlank && (line === '' || line === '\r')) {
        dropBlank = false;
        continue;
      }
      dropBlank = false;
      if (line.startsWith('data:') && line.includes(this.marker)) {
        const event = parse(line.slice(5).trim());
        const usage = event && usageFromStreamEvent(this.format, event, this.usage);
        if (usage) this.usage = usage;
        if (
          this.dropUsageChunk &&
          usage &&
          Array.isArray(event?.choices) &&
          event.choices.length === 0
        ) {
          dropBlank = true;
          continue;
        }
      }
      out += line + '\n';
    }
    this.dropNextBlank = dropBlank;
    return out;
  }
}

function parse(json: string): Record<string, any> | undefined {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}
