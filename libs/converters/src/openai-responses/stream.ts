import type {
  CanonicalFinishReason,
  CanonicalStreamEvent,
  CanonicalUsage,
  ConvertContext,
  StreamDecoder,
  StreamEncoder,
} from '../canonical/types';
import { responsesErrors } from './errors';
import { fixFinishReason } from '../shared/finish';
import { clientToolName, sanitizeToolCallId, syntheticToolCallId } from '../shared/ids';
import { asRecord, compact, num, str, tryParseJson, type Json } from '../shared/json';
import { encodeRedacted, encodeSignature } from '../shared/signatures';
import { SseParser, sseFrame } from '../shared/sse';
import { usageFromResponses } from './usage';
import { finishFromResponses } from './mappings';
import { responsesEnvelope } from './response';

/** Upstream Responses SSE -> canonical events. */
export class ResponsesStreamDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  /** output_index -> canonical tool index. */
  private readonly toolByOutput = new Map<number, number>();
  private readonly toolGotArgs = new Set<number>();
  private nextTool = 0;

  push(text: string): CanonicalStreamEvent[] {
    return this.sse.push(text).flatMap((e) => this.onData(e.data));
  }

  end(): CanonicalStreamEvent[] {
    return this.sse.end().flatMap((e) => this.onData(e.data));
  }

  private onData(data: string): CanonicalStreamEvent[] {
    const ev = asRecord(tryParseJson(data));
    const outputIndex = num(ev.output_index) ?? 0;
    switch (ev.type) {
      case 'response.created': {
        const r = asRecord(ev.response);
        return [{ type: 'start', id: str(r.id), model: str(r.model) }];
      }
      case 'response.output_item.added': {
        const item = asRecord(ev.item);
        if (item.type !== 'function_call') return [];
        const index = this.nextTool++;
        this.toolByOutput.set(outputIndex, index);
        const out: CanonicalStreamEvent[] = [
          {
            type: 'tool_call_start',
            index,
            id: str(item.call_id) ?? '',
            name: str(item.name) ?? '',
          },
        ];
        if (str(item.arguments)) {
          this.toolGotArgs.add(index);
          out.push({ type: 'tool_call_delta', index, arguments: str(item.arguments) ?? '' });
        }
        return out;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return str(ev.delta) ? [{ type: 'text_delta', text: str(ev.delta) ?? '' }] : [];
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        return str(ev.delta) ? [{ type: 'thinking_delta', text: str(ev.delta) ?? '' }] : [];
      case 'response.function_call_arguments.delta': {
        const index = this.toolByOutput.get(outputIndex);
        if (index === undefined || !str(ev.delta)) return [];
        this.toolGotArgs.add(index);
        return [{ type: 'tool_call_delta', index, arguments: str(ev.delta) ?? '' }];
      }
      case 'response.function_call_arguments.done': {
        // Some servers send the arguments only here.
        const index = this.toolByOutput.get(outputIndex);
        if (index === undefined || this.toolGotArgs.has(index)) return [];
        this.toolGotArgs.add(index);
        return [{ type: 'tool_call_delta', index, arguments: str(ev.arguments) || '{}' }];
      }
      case 'response.output_item.done': {
        const item = asRecord(ev.item);
        if (item.type === 'reasoning' && str(item.encrypted_content)) {
          return [
            {
              type: 'thinking_signature',
              signature: str(item.encrypted_content) ?? '',
              origin: 'openai',
            },
          ];
        }
        return [];
      }
      case 'response.completed':
      case 'response.incomplete': {
        const r = asRecord(ev.response);
        const out: CanonicalStreamEvent[] = [];
        if (r.usage) out.push({ type: 'usage', usage: usageFromResponses(r.usage) });
        out.push({
          type: 'finish',
          reason: fixFinishReason(
            finishFromResponses(r.status, asRecord(r.incomplete_details).reason),
            this.nextTool > 0,
          ),
        });
        return out;
      }
      case 'response.failed': {
        const err = asRecord(asRecord(ev.response).error);
        return [
          {
            type: 'error',
            error: responsesErrors.toCanonical(500, { error: err }),
          },
        ];
      }
      case 'error':
        return [
          {
            type: 'error',
            error: responsesErrors.toCanonical(500, { error: ev }),
          },
        ];
      default:
        return [];
    }
  }
}

type OpenItem =
  | { kind: 'message'; id: string; outputIndex: number; text: string }
  | { kind: 'reasoning'; id: string; outputIndex: number; text: string; encrypted?: string }
  | {
      kind: 'function_call';
      id: string;
      outputIndex: number;
      tool: number;
      callId: string;
      name: string;
      args: string;
    };

/** Canonical events -> Responses SSE with sequence numbers, contiguous output indices and stable item ids. */
export class ResponsesStreamEncoder implements StreamEncoder {
  private seq = 0;
  private started = false;
  private done = false;
  private open: OpenItem | undefined;
  private readonly output: Json[] = [];
  private toolCount = 0;
  private sawToolCall = false;
  private usage: CanonicalUsage | undefined;
  private finish: CanonicalFinishReason | undefined;

  constructor(private readonly ctx: ConvertContext) {}

  push(ev: CanonicalStreamEvent): string {
    if (this.done) return '';
    let out = this.ensureStarted();
    switch (ev.type) {
      case 'start':
        break;
      case 'redacted_thinking':
        // A whole reasoning item of its own: no summary, the block's data in encrypted_content.
        out += this.close();
        out += this.openReasoning();
        if (this.open?.kind === 'reasoning') this.open.encrypted = encodeRedacted(ev.data);
        out += this.close();
        break;
      case 'text_delta': {
        if (this.open?.kind !== 'message') {
          out += this.close();
          const item: OpenItem = {
            kind: 'message',
            id: `msg_${this.ctx.id}_${this.output.length}`,
            outputIndex: this.output.length,
            text: '',
          };
          this.open = item;
          out += this.event('response.output_item.added', {
            output_index: item.outputIndex,
            item: {
              id: item.id,
              type: 'message',
              status: 'in_progress',
              role: 'assistant',
              content: [],
            },
          });
          out += this.event('response.content_part.added', {
            item_id: item.id,
            output_index: item.outputIndex,
            content_index: 0,
            part: { type: 'output_text', text: '', annotations: [] },
          });
        }
        const item = this.open;
        item.text += ev.text;
        out += this.event('response.output_text.delta', {
          item_id: item.id,
          output_index: item.outputIndex,
          content_index: 0,
          delta: ev.text,
          logprobs: [],
        });
        break;
      }
      case 'thinking_delta':
        out += this.openReasoning();
        if (this.open?.kind === 'reasoning') {
          this.open.text += ev.text;
          out += this.event('response.reasoning_summary_text.delta', {
            item_id: this.open.id,
            output_index: this.open.outputIndex,
            summary_index: 0,
            delta: ev.text,
          });
        }
        break;
      case 'thinking_signature':
        out += this.openReasoning();
        if (this.open?.kind === 'reasoning')
          this.open.encrypted = encodeSignature(ev.origin, ev.signature, 'openai');
        out += this.close();
        break;
      case 'tool_call_start': {
        this.sawToolCall = true;
        out += this.close();
        const callId =
          ev.id === ''
            ? syntheticToolCallId(this.ctx.id, this.toolCount)
            : sanitizeToolCallId(ev.id);
        this.toolCount++;
        const item: OpenItem = {
          kind: 'function_call',
          id: `fc_${this.ctx.id}_${this.output.length}`,
          outputIndex: this.output.length,
          tool: ev.index,
          callId,
          name: clientToolName(this.ctx.toolNameMap, ev.name),
          args: '',
        };
        this.open = item;
        out += this.event('response.output_item.added', {
          output_index: item.outputIndex,
          item: {
            id: item.id,
            type: 'function_call',
            status: 'in_progress',
            call_id: item.callId,
            name: item.name,
            arguments: '',
          },
        });
        break;
      }
      case 'tool_call_delta':
        if (this.open?.kind === 'function_call' && this.open.tool === ev.index) {
          this.open.args += ev.arguments;
          out += this.event('response.function_call_arguments.delta', {
            item_id: this.open.id,
            output_index: this.open.outputIndex,
            delta: ev.arguments,
          });
        }
        break;
      case 'usage':
        this.usage = ev.usage;
        break;
      case 'finish':
        this.finish = fixFinishReason(ev.reason, this.sawToolCall);
        break;
      case 'error':
        this.done = true;
        out += responsesErrors.encodeStream(ev.error, this.seq++);
        break;
    }
    return out;
  }

  end(): string {
    if (this.done) return '';
    let out = this.ensureStarted();
    out += this.close();
    this.done = true;
    if (this.finish === undefined) {
      return (
        out +
        responsesErrors.encodeStream(
          {
            status: 502,
            kind: 'api_error',
            message: 'upstream stream ended before the response was complete',
          },
          this.seq++,
        )
      );
    }
    const response = responsesEnvelope(this.ctx, 'completed', this.output, this.usage, this.finish);
    return (
      out +
      this.event(response.status === 'incomplete' ? 'response.incomplete' : 'response.completed', {
        response,
      })
    );
  }

  private ensureStarted(): string {
    if (this.started) return '';
    this.started = true;
    const response = responsesEnvelope(this.ctx, 'in_progress', [], undefined);
    return (
      this.event('response.created', { response }) +
      this.event('response.in_progress', { response })
    );
  }

  private openReasoning(): string {
    if (this.open?.kind === 'reasoning') return '';
    let out = this.close();
    const item: OpenItem = {
      kind: 'reasoning',
      id: `rs_${this.ctx.id}_${this.output.length}`,
      outputIndex: this.output.length,
      text: '',
    };
    this.open = item;
    out += this.event('response.output_item.added', {
      output_index: item.outputIndex,
      item: { id: item.id, type: 'reasoning', summary: [] },
    });
    out += this.event('response.reasoning_summary_part.added', {
      item_id: item.id,
      output_index: item.outputIndex,
      summary_index: 0,
      part: { type: 'summary_text', text: '' },
    });
    return out;
  }

  private close(): string {
    const item = this.open;
    if (!item) return '';
    this.open = undefined;
    let out = '';
    let done: Json;
    switch (item.kind) {
      case 'message': {
        const part = { type: 'output_text', text: item.text, annotations: [] };
        out += this.event('response.output_text.done', {
          item_id: item.id,
          output_index: item.outputIndex,
          content_index: 0,
          text: item.text,
          logprobs: [],
        });
        out += this.event('response.content_part.done', {
          item_id: item.id,
          output_index: item.outputIndex,
          content_index: 0,
          part,
        });
        done = {
          id: item.id,
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [part],
        };
        break;
      }
      case 'reasoning': {
        const part = { type: 'summary_text', text: item.text };
        out += this.event('response.reasoning_summary_text.done', {
          item_id: item.id,
          output_index: item.outputIndex,
          summary_index: 0,
          text: item.text,
        });
        out += this.event('response.reasoning_summary_part.done', {
          item_id: item.id,
          output_index: item.outputIndex,
          summary_index: 0,
          part,
        });
        done = compact({
          id: item.id,
          type: 'reasoning',
          summary: item.text ? [part] : [],
          encrypted_content: item.encrypted,
        });
        break;
      }
      case 'function_call': {
        const args = item.args || '{}';
        out += this.event('response.function_call_arguments.done', {
          item_id: item.id,
          output_index: item.outputIndex,
          arguments: args,
        });
        done = {
          id: item.id,
          type: 'function_call',
          status: 'completed',
          call_id: item.callId,
          name: item.name,
          arguments: args,
        };
        break;
      }
    }
    this.output.push(done);
    return (
      out + this.event('response.output_item.done', { output_index: item.outputIndex, item: done })
    );
  }

  private event(type: string, data: Json): string {
    return sseFrame(type, JSON.stringify({ type, sequence_number: this.seq++, ...data }));
  }
}
