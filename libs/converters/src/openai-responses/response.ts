import type {
  CanonicalFinishReason,
  CanonicalResponse,
  CanonicalUsage,
  ContentPart,
  ConvertContext,
} from '../canonical/types';
import { fixFinishReason, hasToolCall } from '../shared/finish';
import { clientToolName } from '../shared/ids';
import { asArray, asRecord, compact, str, type Json } from '../shared/json';
import { encodeRedacted, encodeSignature } from '../shared/signatures';
import { usageFromResponses, usageToResponses } from './usage';
import { clientCallId } from '../openai-chat/response';
import { finishFromResponses, incompleteReason } from './mappings';

export function responsesResponseToCanonical(raw: unknown): CanonicalResponse {
  const body = asRecord(raw);
  const content: ContentPart[] = [];
  for (const it of asArray(body.output)) {
    const item = asRecord(it);
    switch (item.type) {
      case 'reasoning': {
        const text = asArray(item.summary)
          .map((s) => str(asRecord(s).text) ?? '')
          .join('\n');
        content.push(
          compact({
            type: 'thinking',
            text,
            signature: str(item.encrypted_content),
            origin: 'openai',
          }) as ContentPart,
        );
        break;
      }
      case 'message':
        for (const c of asArray(item.content)) {
          const part = asRecord(c);
          const text = str(part.text) ?? str(part.refusal);
          if (text) content.push({ type: 'text', text });
        }
        break;
      case 'function_call':
        content.push({
          type: 'tool_call',
          id: str(item.call_id) ?? '',
          name: str(item.name) ?? '',
          arguments: str(item.arguments) ?? '',
        });
        break;
      default:
        break;
    }
  }
  const reason = fixFinishReason(
    finishFromResponses(body.status, asRecord(body.incomplete_details).reason),
    hasToolCall(content),
  );
  return compact({
    id: str(body.id),
    model: str(body.model),
    choices: [{ index: 0, content, finishReason: reason }],
    usage: body.usage ? usageFromResponses(body.usage) : undefined,
  });
}

/** Output items for a Responses client; item ids derive from the response id (no randomness). */
export function responsesOutputItems(parts: ContentPart[], ctx: ConvertContext): Json[] {
  const out: Json[] = [];
  let text = '';
  let callN = 0;
  const flush = (): void => {
    if (text === '') return;
    out.push({
      id: `msg_${ctx.id}_${out.length}`,
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text, annotations: [] }],
    });
    text = '';
  };
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        text += p.text;
        break;
      case 'thinking':
        flush();
        out.push(
          compact({
            id: `rs_${ctx.id}_${out.length}`,
            type: 'reasoning',
            summary: p.text ? [{ type: 'summary_text', text: p.text }] : [],
            encrypted_content:
              p.redactedData !== undefined
                ? encodeRedacted(p.redactedData)
                : p.signature
                  ? encodeSignature(p.origin ?? 'openai', p.signature, 'openai')
                  : undefined,
          }),
        );
        break;
      case 'tool_call':
        flush();
        out.push({
          id: `fc_${ctx.id}_${out.length}`,
          type: 'function_call',
          status: 'completed',
          call_id: clientCallId(p, ctx, callN++),
          name: clientToolName(ctx.toolNameMap, p.name),
          arguments: p.arguments || '{}',
        });
        break;
      case 'image':
      case 'document':
      case 'tool_result':
        break;
    }
  }
  flush();
  return out;
}

export function responsesEnvelope(
  ctx: ConvertContext,
  status: string,
  output: Json[],
  usage: CanonicalUsage | undefined,
  reason?: CanonicalFinishReason,
): Json {
  const incomplete = reason ? incompleteReason(reason) : undefined;
  return {
    id: ctx.id,
    object: 'response',
    created_at: ctx.created,
    status: status === 'completed' && incomplete ? 'incomplete' : status,
    error: null,
    incomplete_details: status === 'completed' && incomplete ? { reason: incomplete } : null,
    model: ctx.requestedModel,
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage: usage ? usageToResponses(usage) : null,
  };
}

export function canonicalToResponsesResponse(res: CanonicalResponse, ctx: ConvertContext): Json {
  const choice = res.choices[0] ?? { index: 0, content: [], finishReason: 'end_turn' as const };
  return responsesEnvelope(
    ctx,
    'completed',
    responsesOutputItems(choice.content, ctx),
    res.usage,
    choice.finishReason,
  );
}
