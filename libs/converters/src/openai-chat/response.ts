import type {
  CanonicalChoice,
  CanonicalResponse,
  ContentPart,
  ConvertContext,
  ThinkingPart,
  ToolCallPart,
} from '../canonical/types';
import { fixFinishReason, hasToolCall } from '../shared/finish';
import { clientToolName, sanitizeToolCallId, syntheticToolCallId } from '../shared/ids';
import { asArray, asRecord, compact, num, str, type Json } from '../shared/json';
import { encodeSignature } from '../shared/signatures';
import { usageFromOpenAIChat, usageToOpenAIChat } from './usage';
import { finishFromOpenAI, OPENAI_FINISH_TO } from './mappings';
import { thinkingBlocksForOpenAI } from './request';

export function openAIChatResponseToCanonical(raw: unknown): CanonicalResponse {
  const body = asRecord(raw);
  const choices: CanonicalChoice[] = asArray(body.choices).map((c, i) => {
    const choice = asRecord(c);
    const msg = asRecord(choice.message);
    const content: ContentPart[] = [];
    const reasoning = str(msg.reasoning_content) ?? str(msg.reasoning);
    if (reasoning) content.push({ type: 'thinking', text: reasoning });
    const text = str(msg.content);
    if (text) content.push({ type: 'text', text });
    const refusal = str(msg.refusal);
    if (refusal && !text) content.push({ type: 'text', text: refusal });
    for (const tc of asArray(msg.tool_calls)) {
      const call = asRecord(tc);
      const fn = asRecord(call.function);
      content.push({
        type: 'tool_call',
        id: str(call.id) ?? '',
        name: str(fn.name) ?? '',
        arguments: str(fn.arguments) ?? '',
      });
    }
    const reason = refusal && !text ? 'content_filter' : finishFromOpenAI(choice.finish_reason);
    return {
      index: num(choice.index) ?? i,
      content,
      finishReason: fixFinishReason(reason, hasToolCall(content)),
    };
  });
  return compact({
    id: str(body.id),
    model: str(body.model),
    choices,
    usage: body.usage ? usageFromOpenAIChat(body.usage) : undefined,
  });
}

/** Id shown to a client for a call: the upstream's when it had one, else minted from the response id. */
export function clientCallId(part: ToolCallPart, ctx: ConvertContext, n: number): string {
  return part.id === '' ? syntheticToolCallId(ctx.id, n) : sanitizeToolCallId(part.id);
}

export function openAIToolCall(part: ToolCallPart, ctx: ConvertContext, n: number): Json {
  const call: Json = {
    id: clientCallId(part, ctx, n),
    type: 'function',
    function: {
      name: clientToolName(ctx.toolNameMap, part.name),
      arguments: part.arguments || '{}',
    },
  };
  // Same carrier Google's OpenAI-compatible endpoint uses, so clients that echo the message keep it.
  if (part.thoughtSignature) {
    call.extra_content = {
      google: { thought_signature: encodeSignature('gemini', part.thoughtSignature, 'gemini') },
    };
  }
  return call;
}

export function canonicalToOpenAIChatResponse(res: CanonicalResponse, ctx: ConvertContext): Json {
  let callN = 0;
  const choices = res.choices.map((c) => {
    const text = c.content
      .filter((p) => p.type === 'text')
      .map((p) => p.text)
      .join('');
    const calls = c.content
      .filter((p): p is ToolCallPart => p.type === 'tool_call')
      .map((p) => openAIToolCall(p, ctx, callN++));
    const message: Json = {
      role: 'assistant',
      content: text === '' && calls.length > 0 ? null : text,
      refusal: null,
    };
    const thinking = c.content.filter((p): p is ThinkingPart => p.type === 'thinking');
    const reasoningText = thinking.map((p) => p.text).join('');
    if (reasoningText) message.reasoning_content = reasoningText;
    const blocks = thinkingBlocksForOpenAI(c.content);
    if (blocks.length > 0) message.thinking_blocks = blocks;
    if (calls.length > 0) message.tool_calls = calls;
    return {
      index: c.index,
      message,
      logprobs: null,
      finish_reason: OPENAI_FINISH_TO[fixFinishReason(c.finishReason, calls.length > 0)],
    };
  });
  const out: Json = {
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.requestedModel,
    choices,
  };
  if (res.usage) out.usage = usageToOpenAIChat(res.usage);
  return out;
}
