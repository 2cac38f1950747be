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
    return rest ? this.inspect(rest) : '';
  }

  private inspect(complete: string): string {
    if (!this.sawDone && complete.includes('data: [DONE]')) this.sawDone = true;
    if (!complete.includes('"usage"')) return complete;
    const lines = complete.split('\n');
    let out = '';
    let dropBlank = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const last = i === lines.length - 1;
      if (dropBlank && (line === '' || line === '\r')) {
        dropBlank = false;
        continue;
      }
      dropBlank = false;
      if (line.startsWith('data:') && line.includes('"usage"')) {
        const chunk = this.parse(line.slice(5).trim());
        const usage = usageFromOpenAi(chunk?.usage);
        if (usage) this.usage = usage;
        if (this.dropUsageChunk && usage && Array.isArray(chunk?.choices) && chunk.choices.length === 0) {
          dropBlank = true;
          continue;
        }
      }
      out += last ? line : line + '\n';
    }
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
