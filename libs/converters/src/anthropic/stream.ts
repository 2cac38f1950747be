import type {
  CanonicalFinishReason,
  CanonicalStreamEvent,
  CanonicalUsage,
  StreamDecoder,
  StreamEncoder,
  StreamEncoderOptions,
} from '../canonical/types';
import { anthropicErrors } from './errors';
import { fixFinishReason } from '../shared/finish';
import { clientToolName, sanitizeToolCallId, syntheticToolCallId } from '../shared/ids';
import { asRecord, num, str, tryParseJson, type Json } from '../shared/json';
import { encodeSignature } from '../shared/signatures';
import { SseParser, sseFrame } from '../shared/sse';
import { emptyUsage } from '../shared/usage';
import { usageFromAnthropic, usageToAnthropic } from './usage';
import { ANTHROPIC_STOP_TO, stopFromAnthropic } from './mappings';

/** Upstream Anthropic SSE -> canonical events. */
export class AnthropicStreamDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  private usage: CanonicalUsage = emptyUsage();
  /** Anthropic block index -> canonical tool index (tool blocks only). */
  private readonly toolByBlock = new Map<number, number>();
  private readonly toolGotArgs = new Set<number>();
  private nextTool = 0;

  push(text: string): CanonicalStreamEvent[] {
    return this.sse.push(text).flatMap((e) => this.onEvent(e.event, e.data));
  }

  end(): CanonicalStreamEvent[] {
    return this.sse.end().flatMap((e) => this.onEvent(e.event, e.data));
  }

  private onEvent(name: string | undefined, data: string): CanonicalStreamEvent[] {
    const ev = asRecord(tryParseJson(data));
    const type = name ?? str(ev.type);
    switch (type) {
      case 'message_start': {
        const msg = asRecord(ev.message);
        this.usage = usageFromAnthropic(msg.usage);
        return [{ type: 'start', id: str(msg.id), model: str(msg.model), usage: this.usage }];
      }
      case 'content_block_start': {
        const index = num(ev.index) ?? 0;
        const block = asRecord(ev.content_block);
        switch (block.type) {
          case 'text':
            return str(block.text) ? [{ type: 'text_delta', text: str(block.text) ?? '' }] : [];
          case 'thinking':
            return str(block.thinking)
              ? [{ type: 'thinking_delta', text: str(block.thinking) ?? '' }]
              : [];
          case 'redacted_thinking':
            return [{ type: 'redacted_thinking', data: str(block.data) ?? '' }];
          case 'tool_use': {
            const slot = this.nextTool++;
            this.toolByBlock.set(index, slot);
            return [
              {
                type: 'tool_call_start',
                index: slot,
                id: str(block.id) ?? '',
                name: str(block.name) ?? '',
              },
            ];
          }
          default:
            return [];
        }
      }
      case 'content_block_delta': {
        const index = num(ev.index) ?? 0;
        const delta = asRecord(ev.delta);
        switch (delta.type) {
          case 'text_delta':
            return str(delta.text) ? [{ type: 'text_delta', text: str(delta.text) ?? '' }] : [];
          case 'thinking_delta':
            return str(delta.thinking)
              ? [{ type: 'thinking_delta', text: str(delta.thinking) ?? '' }]
              : [];
          case 'signature_delta':
            return [
              {
                type: 'thinking_signature',
                signature: str(delta.signature) ?? '',
                origin: 'anthropic',
              },
            ];
          case 'input_json_delta': {
            const slot = this.toolByBlock.get(index);
            const json = str(delta.partial_json) ?? '';
            if (slot === undefined || json === '') return [];
            this.toolGotArgs.add(slot);
            return [{ type: 'tool_call_delta', index: slot, arguments: json }];
          }
          default:
            return [];
        }
      }
      case 'content_block_stop': {
        const slot = this.toolByBlock.get(num(ev.index) ?? 0);
        // A tool block with no input_json_delta means empty arguments.
        if (slot !== undefined && !this.toolGotArgs.has(slot)) {
          this.toolGotArgs.add(slot);
          return [{ type: 'tool_call_delta', index: slot, arguments: '{}' }];
        }
        return [];
      }
      case 'message_delta': {
        const delta = asRecord(ev.delta);
        const out: CanonicalStreamEvent[] = [];
        if (ev.usage !== undefined) {
          this.usage = usageFromAnthropic(ev.usage, this.usage);
          out.push({ type: 'usage', usage: this.usage });
        }
        if (delta.stop_reason !== undefined && delta.stop_reason !== null) {
          const reason = fixFinishReason(stopFromAnthropic(delta.stop_reason), this.nextTool > 0);
          const finish: CanonicalStreamEvent = { type: 'finish', reason };
          if (str(delta.stop_sequence)) finish.stopSequence = str(delta.stop_sequence);
          out.push(finish);
        }
        return out;
      }
      case 'error':
        return [{ type: 'error', error: anthropicErrors.toCanonical(500, ev) }];
      case undefined:
      default:
        return [];
    }
  }
}

type OpenBlock = { kind: 'text' | 'thinking' } | { kind: 'tool'; tool: number };

/** Canonical events -> Anthropic SSE: message_start, contiguous blocks, message_delta, message_stop always. */
export class AnthropicStreamEncoder implements StreamEncoder {
  private started = false;
  private done = false;
  private nextBlock = 0;
  private open: OpenBlock | undefined;
  private sawToolCall = false;
  private toolCount = 0;
  private usage: CanonicalUsage | undefined;
  private finish: { reason: CanonicalFinishReason; stopSequence?: string } | undefined;

  constructor(private readonly ctx: StreamEncoderOptions) {}

  push(ev: CanonicalStreamEvent): string {
    if (this.done) return '';
    let out = this.ensureStarted(ev.type === 'start' ? ev.usage : undefined);
    switch (ev.type) {
      case 'start':
        break;
      case 'text_delta':
        out += this.openBlock({ kind: 'text' }, { type: 'text', text: '' });
        out += this.delta({ type: 'text_delta', text: ev.text });
        break;
      case 'thinking_delta':
        out += this.openBlock(
          { kind: 'thinking' },
          { type: 'thinking', thinking: '', signature: '' },
        );
        out += this.delta({ type: 'thinking_delta', thinking: ev.text });
        break;
      case 'thinking_signature':
        out += this.openBlock(
          { kind: 'thinking' },
          { type: 'thinking', thinking: '', signature: '' },
        );
        out += this.delta({
          type: 'signature_delta',
          signature: encodeSignature(ev.origin, ev.signature, 'anthropic'),
        });
        // A signature ends its thinking block; further thinking opens a new one.
        out += this.closeBlock();
        break;
      case 'redacted_thinking':
        out += this.closeBlock();
        out += this.frame('content_block_start', {
          index: this.nextBlock,
          content_block: { type: 'redacted_thinking', data: ev.data },
        });
        out += this.frame('content_block_stop', { index: this.nextBlock++ });
        break;
      case 'tool_call_start': {
        this.sawToolCall = true;
        out += this.closeBlock();
        if (ev.thoughtSignature) {
          out += this.openBlock(
            { kind: 'thinking' },
            { type: 'thinking', thinking: '', signature: '' },
          );
          out += this.delta({
            type: 'signature_delta',
            signature: encodeSignature('gemini', ev.thoughtSignature, 'anthropic'),
          });
          out += this.closeBlock();
        }
        const id =
          ev.id === ''
            ? syntheticToolCallId(this.ctx.id, this.toolCount)
            : sanitizeToolCallId(ev.id);
        this.toolCount++;
        out += this.openBlock(
          { kind: 'tool', tool: ev.index },
          { type: 'tool_use', id, name: clientToolName(this.ctx.toolNameMap, ev.name), input: {} },
        );
        break;
      }
      case 'tool_call_delta':
        // Anthropic blocks are sequential; upstreams stream one call's arguments before the next call.
        if (this.open?.kind === 'tool' && this.open.tool === ev.index) {
          out += this.delta({ type: 'input_json_delta', partial_json: ev.arguments });
        }
        break;
      case 'usage':
        this.usage = ev.usage;
        break;
      case 'finish':
        this.finish = {
          reason: fixFinishReason(ev.reason, this.sawToolCall),
          stopSequence: ev.stopSequence,
        };
        break;
      case 'error':
        this.done = true;
        out += anthropicErrors.encodeStream(ev.error);
        break;
    }
    return out;
  }

  end(): string {
    if (this.done) return '';
    let out = this.ensureStarted(undefined);
    this.done = true;
    out += this.closeBlock();
    if (!this.finish) {
      return (
        out +
        anthropicErrors.encodeStream({
          status: 502,
          kind: 'api_error',
          message: 'upstream stream ended before the response was complete',
        })
      );
    }
    out += this.frame('message_delta', {
      delta: {
        stop_reason: ANTHROPIC_STOP_TO[this.finish.reason],
        stop_sequence: this.finish.stopSequence ?? null,
      },
      usage: usageToAnthropic(this.usage ?? emptyUsage()),
    });
    return out + this.frame('message_stop', {});
  }

  private ensureStarted(usage: CanonicalUsage | undefined): string {
    if (this.started) return '';
    this.started = true;
    const u = usageToAnthropic(
      usage ?? { ...emptyUsage(), inputTokens: this.ctx.estimatedInputTokens ?? 0 },
    );
    return this.frame('message_start', {
      message: {
        id: this.ctx.id,
        type: 'message',
        role: 'assistant',
        model: this.ctx.requestedModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...u, output_tokens: 0 },
      },
    });
  }

  private openBlock(kind: OpenBlock, contentBlock: Json): string {
    const o = this.open;
    if (
      o &&
      o.kind === kind.kind &&
      (o.kind !== 'tool' || (kind.kind === 'tool' && o.tool === kind.tool))
    )
      return '';
    let out = this.closeBlock();
    this.open = kind;
    out += this.frame('content_block_start', {
      index: this.nextBlock,
      content_block: contentBlock,
    });
    return out;
  }

  private closeBlock(): string {
    if (!this.open) return '';
    this.open = undefined;
    return this.frame('content_block_stop', { index: this.nextBlock++ });
  }

  private delta(delta: Json): string {
    return this.frame('content_block_delta', { index: this.nextBlock, delta });
  }

  private frame(type: string, data: Json): string {
    return sseFrame(type, JSON.stringify({ type, ...data }));
  }
}
