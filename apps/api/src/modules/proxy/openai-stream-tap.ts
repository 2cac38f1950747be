import { usageFromOpenAi, type TokenUsage } from './usage';

/**
 * Watches an OpenAI-format SSE stream passing through unchanged, to read its usage.
 * Bytes are forwarded as they come, line by line (a partial line waits for its newline, nothing more).
 * When the gateway asked the upstream for usage on the client's behalf (`include_usage` the client did
 * not set), the usage-only final chunk is removed so the client sees what it asked for.
 */
export class OpenAiStreamTap {
  usage: TokenUsage | undefined;
  sawDone = false;
  private pending = '';
  /** The blank line ending a dropped event may arrive in a later chunk. */
  private dropNextBlank = false;

  constructor(private readonly dropUsageChunk: boolean) {}

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
    if (!this.sawDone && complete.includes('data: [DONE]')) this.sawDone = true;
    if (!complete.includes('"usage"')) return complete;
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
      if (line.startsWith('data:') && line.includes('"usage"')) {
        const chunk = this.parse(line.slice(5).trim());
        const usage = usageFromOpenAi(chunk?.usage);
        if (usage) this.usage = usage;
        if (
          this.dropUsageChunk &&
          usage &&
          Array.isArray(chunk?.choices) &&
          chunk.choices.length === 0
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

  private parse(json: string): Record<string, any> | undefined {
    try {
      return JSON.parse(json) as Record<string, any>;
    } catch {
      return undefined;
    }
  }
}
