import type {
  CanonicalFinishReason,
  CanonicalStreamEvent,
  CanonicalUsage,
  ConvertContext,
  StreamDecoder,
  StreamEncoder,
} from '../canonical/types';
import { geminiErrors } from './errors';
import { fixFinishReason } from '../shared/finish';
import { clientToolName, isSyntheticId } from '../shared/ids';
import {
  argumentsToObject,
  asArray,
  asRecord,
  compact,
  isRecord,
  str,
  tryParseJson,
  type Json,
} from '../shared/json';
import { encodeRedacted, encodeSignature } from '../shared/signatures';
import { SseParser, sseFrame } from '../shared/sse';
import { usageFromGemini, usageToGemini } from './usage';
import { finishFromGemini, GEMINI_FINISH_TO } from './mappings';
import { geminiPartsToCanonical } from './response';

/** Upstream Gemini `streamGenerateContent?alt=sse` -> canonical events (candidate 0). */
export class GeminiStreamDecoder implements StreamDecoder {
  private readonly sse = new SseParser();
  private started = false;
  private nextTool = 0;
  private finished = false;

  push(text: string): CanonicalStreamEvent[] {
    return this.sse.push(text).flatMap((e) => this.onData(e.data));
  }

  end(): CanonicalStreamEvent[] {
    return this.sse.end().flatMap((e) => this.onData(e.data));
  }

  private onData(data: string): CanonicalStreamEvent[] {
    const chunk = asRecord(tryParseJson(data));
    if (isRecord(chunk.error)) {
      return [
        {
          type: 'error',
          error: geminiErrors.toCanonical(Number(chunk.error.code) || 500, chunk),
        },
      ];
    }
    const out: CanonicalStreamEvent[] = [];
    const usage = chunk.usageMetadata ? usageFromGemini(chunk.usageMetadata) : undefined;
    if (!this.started) {
      this.started = true;
      out.push(
        compact({
          type: 'start',
          id: str(chunk.responseId),
          model: str(chunk.modelVersion),
          usage,
        }) as CanonicalStreamEvent,
      );
    }
    const cand = asRecord(asArray(chunk.candidates)[0]);
    for (const p of geminiPartsToCanonical(asArray(asRecord(cand.content).parts))) {
      switch (p.type) {
        case 'text':
          out.push({ type: 'text_delta', text: p.text });
          break;
        case 'thinking':
          if (p.text !== '') out.push({ type: 'thinking_delta', text: p.text });
          if (p.signature)
            out.push({ type: 'thinking_signature', signature: p.signature, origin: 'gemini' });
          break;
        case 'tool_call': {
          // Gemini sends each call complete: a start plus one delta with the whole JSON.
          const index = this.nextTool++;
          out.push(
            compact({
              type: 'tool_call_start',
              index,
              id: p.id,
              name: p.name,
              thoughtSignature: p.thoughtSignature,
            }) as CanonicalStreamEvent,
          );
          out.push({ type: 'tool_call_delta', index, arguments: p.arguments });
          break;
        }
        case 'image':
        case 'document':
        case 'tool_result':
          break;
      }
    }
    if (usage) out.push({ type: 'usage', usage });
    const blocked =
      asRecord(chunk.promptFeedback).blockReason !== undefined &&
      asArray(chunk.candidates).length === 0;
    if (!this.finished && (cand.finishReason !== undefined || blocked)) {
      this.finished = true;
      const reason = blocked ? 'content_filter' : finishFromGemini(cand.finishReason);
      out.push({ type: 'finish', reason: fixFinishReason(reason, this.nextTool > 0) });
    }
    return out;
  }
}

interface PendingCall {
  id: string;
  name: string;
  args: string;
  thoughtSignature?: string;
}

/**
 * Canonical events -> Gemini SSE (data-only events, no terminator). Tool arguments are buffered because
 * Gemini clients expect each functionCall whole; all calls go out in the final chunk so parallel calls
 * share one Content, as Gemini itself sends them.
 */
export class GeminiStreamEncoder implements StreamEncoder {
  private done = false;
  private readonly calls: PendingCall[] = [];
  private readonly callByIndex = new Map<number, PendingCall>();
  private usage: CanonicalUsage | undefined;
  private finish: CanonicalFinishReason | undefined;

  constructor(private readonly ctx: ConvertContext) {}

  push(ev: CanonicalStreamEvent): string {
    if (this.done) return '';
    switch (ev.type) {
      case 'start':
        return '';
      case 'redacted_thinking':
        return this.chunk([{ text: '', thought: true, thoughtSignature: encodeRedacted(ev.data) }]);
      case 'text_delta':
        return this.chunk([{ text: ev.text }]);
      case 'thinking_delta':
        return this.chunk([{ text: ev.text, thought: true }]);
      case 'thinking_signature':
        return this.chunk([
          {
            text: '',
            thought: true,
            thoughtSignature: encodeSignature(ev.origin, ev.signature, 'gemini'),
          },
        ]);
      case 'tool_call_start': {
        const call: PendingCall = {
          id: ev.id,
          name: ev.name,
          args: '',
          thoughtSignature: ev.thoughtSignature,
        };
        this.calls.push(call);
        this.callByIndex.set(ev.index, call);
        return '';
      }
      case 'tool_call_delta': {
        const call = this.callByIndex.get(ev.index);
        if (call) call.args += ev.arguments;
        return '';
      }
      case 'usage':
        this.usage = ev.usage;
        return '';
      case 'finish':
        this.finish = ev.reason;
        return '';
      case 'error':
        this.done = true;
        return geminiErrors.encodeStream(ev.error);
    }
  }

  end(): string {
    if (this.done) return '';
    this.done = true;
    if (this.finish === undefined) {
      return geminiErrors.encodeStream({
        status: 502,
        kind: 'api_error',
        message: 'upstream stream ended before the response was complete',
      });
    }
    let malformed = false;
    const parts: Json[] = this.calls.map((c) => {
      const parsed = c.args.trim() === '' ? {} : tryParseJson(c.args);
      if (!isRecord(parsed)) malformed = true;
      return compact({
        functionCall: compact({
          id: c.id !== '' && !isSyntheticId(c.id) ? c.id : undefined,
          name: clientToolName(this.ctx.toolNameMap, c.name),
          args: argumentsToObject(c.args),
        }),
        thoughtSignature: c.thoughtSignature,
      });
    });
    const reason = malformed
      ? 'malformed_tool_call'
      : fixFinishReason(this.finish, this.calls.length > 0);
    const body: Json = {
      candidates: [
        {
          content: { role: 'model', parts: parts.length > 0 ? parts : [{ text: '' }] },
          finishReason: GEMINI_FINISH_TO[reason],
          index: 0,
        },
      ],
      modelVersion: this.ctx.requestedModel,
      responseId: this.ctx.id,
    };
    if (this.usage) body.usageMetadata = usageToGemini(this.usage);
    return sseFrame(undefined, JSON.stringify(body));
  }

  private chunk(parts: Json[]): string {
    return sseFrame(
      undefined,
      JSON.stringify({
        candidates: [{ content: { role: 'model', parts }, index: 0 }],
        modelVersion: this.ctx.requestedModel,
        responseId: this.ctx.id,
      }),
    );
  }
}
