import type { CanonicalResponse, ContentPart, ConvertContext } from '../canonical/types';
import { fixFinishReason, hasToolCall } from '../shared/finish';
import { clientToolName } from '../shared/ids';
import { argumentsToObject, asArray, asRecord, compact, str, type Json } from '../shared/json';
import { encodeSignature } from '../shared/signatures';
import { usageFromAnthropic, usageToAnthropic } from './usage';
import { clientCallId } from '../openai-chat/response';
import { ANTHROPIC_STOP_TO, stopFromAnthropic } from './mappings';

export function anthropicResponseToCanonical(raw: unknown): CanonicalResponse {
  const body = asRecord(raw);
  const content: ContentPart[] = [];
  for (const b of asArray(body.content)) {
    const block = asRecord(b);
    switch (block.type) {
      case 'text':
        if (str(block.text)) content.push({ type: 'text', text: str(block.text) ?? '' });
        break;
      case 'thinking':
        content.push(
          compact({
            type: 'thinking',
            text: str(block.thinking) ?? '',
            signature: str(block.signature),
            origin: 'anthropic',
          }) as ContentPart,
        );
        break;
      case 'redacted_thinking':
        content.push({
          type: 'thinking',
          text: '',
          redactedData: str(block.data) ?? '',
          origin: 'anthropic',
        });
        break;
      case 'tool_use':
        content.push({
          type: 'tool_call',
          id: str(block.id) ?? '',
          name: str(block.name) ?? '',
          arguments: JSON.stringify(block.input ?? {}),
        });
        break;
      default:
        break;
    }
  }
  const reason = fixFinishReason(stopFromAnthropic(body.stop_reason), hasToolCall(content));
  return compact({
    id: str(body.id),
    model: str(body.model),
    choices: [
      compact({ index: 0, content, finishReason: reason, stopSequence: str(body.stop_sequence) }),
    ],
    usage: body.usage ? usageFromAnthropic(body.usage) : undefined,
  });
}

/** Canonical parts as Anthropic response blocks for an Anthropic client. */
export function anthropicBlocks(parts: ContentPart[], ctx: ConvertContext): Json[] {
  const out: Json[] = [];
  let callN = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        if (p.text !== '') out.push({ type: 'text', text: p.text });
        break;
      case 'thinking':
        if (p.redactedData !== undefined)
          out.push({ type: 'redacted_thinking', data: p.redactedData });
        else
          out.push({
            type: 'thinking',
            thinking: p.text,
            signature: p.signature
              ? encodeSignature(p.origin ?? 'anthropic', p.signature, 'anthropic')
              : '',
          });
        break;
      case 'tool_call':
        // A Gemini thoughtSignature rides on an empty thinking block right before its tool_use.
        if (p.thoughtSignature)
          out.push({
            type: 'thinking',
            thinking: '',
            signature: encodeSignature('gemini', p.thoughtSignature, 'anthropic'),
          });
        out.push({
          type: 'tool_use',
          id: clientCallId(p, ctx, callN++),
          name: clientToolName(ctx.toolNameMap, p.name),
          input: argumentsToObject(p.arguments),
        });
        break;
      case 'image':
      case 'document':
      case 'tool_result':
        break;
    }
  }
  return out;
}

export function canonicalToAnthropicResponse(res: CanonicalResponse, ctx: ConvertContext): Json {
  const choice = res.choices[0] ?? { index: 0, content: [], finishReason: 'end_turn' as const };
  const content = anthropicBlocks(choice.content, ctx);
  const reason = fixFinishReason(choice.finishReason, hasToolCall(choice.content));
  return {
    id: ctx.id,
    type: 'message',
    role: 'assistant',
    model: ctx.requestedModel,
    content,
    stop_reason: ANTHROPIC_STOP_TO[reason],
    stop_sequence: choice.stopSequence ?? null,
    usage: usageToAnthropic(
      res.usage ?? {
        inputTokens: 0,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 0,
        reasoningTokens: 0,
      },
    ),
  };
}
