import type {
  CanonicalStreamEvent,
  CanonicalUsage,
  ConvertContext,
  StreamDecoder,
  StreamEncoder,
} from '../canonical/types';
import { openAIChatErrors } from './errors';
import { fixFinishReason } from '../shared/finish';
import { clientToolName, sanitizeToolCallId, syntheticToolCallId } from '../shared/ids';
import { asArray, asRecord, num, str, tryParseJson, type Json } from '../shared/json';
import { encodeSignature } from '../shared/signatures';
import { SseParser, sseFrame } from '../shared/sse';
import { usageFromOpenAIChat, usageToOpenAIChat } from './usage';
import { finishFromOpenAI, OPENAI_FINISH_TO } from './mappings';

/** Upstream OpenAI Chat SSE -> canonical events (choice 0). */
export class OpenAIChatStreamDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  private started = false;
  /** OpenAI tool index -> canonical running index. */
  private readonly toolSlots = new Map<number, number>();
  private nextTool = 0;
  private finished = false;

  push(text: string): CanonicalStreamEvent[] {
    return this.sse.push(text).flatMap((e) => this.onData(e.data, e.event));
  }

  end(): CanonicalStreamEvent[] {
    return this.sse.end().flatMap((e) => this.onData(e.data, e.event));
  }

  private onData(data: string, event: string | undefined): CanonicalStreamEvent[] {
    if (data.trim() === '[DONE]') return [];
    const chunk = asRecord(tryParseJson(data));
    if (chunk.error !== undefined || event === 'error') {
      return [{ type: 'error', error: openAIChatErrors.toCanonical(500, chunk) }];
    }
    const out: CanonicalStreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      out.push({ type: 'start', id: str(chunk.id), model: str(chunk.model) });
    }
    const choice = asRecord(
      asArray(chunk.choices).find((c) => (num(asRecord(c).index) ?? 0) === 0),
    );
    const delta = asRecord(choice.delta);
    const reasoning = str(delta.reasoning_content) ?? str(delta.reasoning);
    if (reasoning) out.push({ type: 'thinking_delta', text: reasoning });
    const content = str(delta.content);
    if (content) out.push({ type: 'text_delta', text: content });
    for (const tc of asArray(delta.tool_calls)) {
      const call = asRecord(tc);
      const k = num(call.index) ?? 0;
      const fn = asRecord(call.function);
      let slot = this.toolSlots.get(k);
      if (slot === undefined) {
        slot = this.nextTool++;
        this.toolSlots.set(k, slot);
        out.push({
          type: 'tool_call_start',
          index: slot,
          id: str(call.id) ?? '',
          name: str(fn.name) ?? '',
        });
      }
      const args = str(fn.arguments);
      if (args) out.push({ type: 'tool_call_delta', index: slot, arguments: args });
    }
    if (choice.finish_reason !== undefined && choice.finish_reason !== null && !this.finished) {
      this.finished = true;
      out.push({
        type: 'finish',
        reason: fixFinishReason(finishFromOpenAI(choice.finish_reason), this.nextTool > 0),
      });
    }
    if (chunk.usage !== undefined && chunk.usage !== null)
      out.push({ type: 'usage', usage: usageFromOpenAIChat(chunk.usage) });
    return out;
  }
}

/** Canonical events -> OpenAI Chat chunks for an OpenAI SDK client. */
export class OpenAIChatStreamEncoder implements StreamEncoder {
  private started = false;
  private finished = false;
  private done = false;
  private sawToolCall = false;
  /** Thinking text since the last signature. */
  private thinkingText = '';
  /**
   * Every thinking block so far, re-sent whole each time one completes: the openai SDK's stream
   * accumulator keeps the last value of an unknown delta field (Object.assign), so the final message
   * then holds all blocks in order. Clients that concatenate instead are de-duplicated on the way back.
   */
  private readonly thinkingBlocks: Json[] = [];
  private usage: CanonicalUsage | undefined;
  private toolCount = 0;

  constructor(private readonly ctx: ConvertContext & { includeUsage?: boolean }) {}

  push(ev: CanonicalStreamEvent): string {
    if (this.done) return '';
    let out = this.ensureStarted();
    switch (ev.type) {
      case 'start':
        break;
      case 'text_delta':
        out += this.chunk({ content: ev.text });
        break;
      case 'thinking_delta':
        this.thinkingText += ev.text;
        out += this.chunk({ reasoning_content: ev.text });
        break;
      case 'thinking_signature':
        this.thinkingBlocks.push({
          type: 'thinking',
          // The whole block, so a client that keeps only this field can replay it signed.
          thinking: this.thinkingText,
          signature: encodeSignature(ev.origin, ev.signature, 'anthropic'),
        });
        this.thinkingText = '';
        out += this.chunk({ thinking_blocks: [...this.thinkingBlocks] });
        break;
      case 'redacted_thinking':
        this.thinkingBlocks.push({ type: 'redacted_thinking', data: ev.data });
        out += this.chunk({ thinking_blocks: [...this.thinkingBlocks] });
        break;
      case 'tool_call_start': {
        this.sawToolCall = true;
        const id =
          ev.id === ''
            ? syntheticToolCallId(this.ctx.id, this.toolCount)
            : sanitizeToolCallId(ev.id);
        this.toolCount++;
        const call: Json = {
          index: ev.index,
          id,
          type: 'function',
          function: { name: clientToolName(this.ctx.toolNameMap, ev.name), arguments: '' },
        };
        if (ev.thoughtSignature)
          call.extra_content = { google: { thought_signature: ev.thoughtSignature } };
        out += this.chunk({ tool_calls: [call] });
        break;
      }
      case 'tool_call_delta':
        out += this.chunk({
          tool_calls: [{ index: ev.index, function: { arguments: ev.arguments } }],
        });
        break;
      case 'usage':
        this.usage = ev.usage;
        break;
      case 'finish':
        if (!this.finished) {
          this.finished = true;
          out += this.chunk({}, OPENAI_FINISH_TO[fixFinishReason(ev.reason, this.sawToolCall)]);
        }
        break;
      case 'error':
        this.done = true;
        out += openAIChatErrors.encodeStream(ev.error);
        break;
    }
    return out;
  }

  end(): string {
    if (this.done) return '';
    let out = this.ensureStarted();
    this.done = true;
    if (!this.finished) {
      return (
        out +
        openAIChatErrors.encodeStream({
          status: 502,
          kind: 'api_error',
          message: 'upstream stream ended before the response was complete',
        })
      );
    }
    if (this.ctx.includeUsage && this.usage) {
      out += sseFrame(undefined, JSON.stringify(this.envelope([], usageToOpenAIChat(this.usage))));
    }
    return out + sseFrame(undefined, '[DONE]');
  }

  private ensureStarted(): string {
    if (this.started) return '';
    this.started = true;
    return this.chunk({ role: 'assistant', content: '' });
  }

  /**
   * One chunk's object, built as one literal: a shared envelope spread into a literal with more fields
   * after it cost about 1 µs a chunk on Node 20.
   */
  private envelope(choices: Json[], usage?: Json | null): Json {
    const body: Json = {
      id: this.ctx.id,
      object: 'chat.completion.chunk',
      created: this.ctx.created,
      model: this.ctx.requestedModel,
      choices,
    };
    if (usage !== undefined) body.usage = usage;
    return body;
  }

  private chunk(delta: Json, finishReason: string | null = null): string {
    const choices = [{ index: 0, delta, logprobs: null, finish_reason: finishReason }];
    const body = this.envelope(choices, this.ctx.includeUsage ? null : undefined);
    return sseFrame(undefined, JSON.stringify(body));
  }
}
