import type {
  CanonicalChoice,
  CanonicalResponse,
  ContentPart,
  ConvertContext,
} from '../canonical/types';
import { fixFinishReason, hasToolCall } from '../shared/finish';
import { clientToolName, isSyntheticId } from '../shared/ids';
import { argumentsToObject, asArray, asRecord, compact, num, str, type Json } from '../shared/json';
import { decodeSignature, encodeRedacted, encodeSignature } from '../shared/signatures';
import { usageFromGemini, usageToGemini } from './usage';
import { finishFromGemini, GEMINI_FINISH_TO } from './mappings';

/** Parts of one Gemini candidate as canonical parts (thought text kept apart from answer text). */
export function geminiPartsToCanonical(parts: unknown[]): ContentPart[] {
  const out: ContentPart[] = [];
  for (const p of parts) {
    const part = asRecord(p);
    const sig = str(part.thoughtSignature);
    if (part.functionCall !== undefined) {
      const fc = asRecord(part.functionCall);
      out.push(
        compact({
          type: 'tool_call',
          id: str(fc.id) ?? '',
          name: str(fc.name) ?? '',
          arguments: JSON.stringify(fc.args ?? {}),
          thoughtSignature: sig,
        }) as ContentPart,
      );
    } else if (typeof part.text === 'string') {
      if (part.thought === true || (sig && part.text === '')) {
        out.push(
          compact({
            type: 'thinking',
            text: part.text,
            signature: sig,
            origin: 'gemini',
          }) as ContentPart,
        );
      } else if (part.text !== '') {
        out.push({ type: 'text', text: part.text });
      }
    }
  }
  return out;
}

export function geminiResponseToCanonical(raw: unknown): CanonicalResponse {
  const body = asRecord(raw);
  const candidates = asArray(body.candidates);
  const choices: CanonicalChoice[] = candidates.map((c, i) => {
    const cand = asRecord(c);
    const content = geminiPartsToCanonical(asArray(asRecord(cand.content).parts));
    return {
      index: num(cand.index) ?? i,
      content,
      finishReason: fixFinishReason(
        finishFromGemini(cand.finishReason ?? 'STOP'),
        hasToolCall(content),
      ),
    };
  });
  // A blocked prompt has promptFeedback.blockReason and no candidates.
  if (choices.length === 0)
    choices.push({
      index: 0,
      content: [],
      finishReason: asRecord(body.promptFeedback).blockReason ? 'content_filter' : 'other',
    });
  return compact({
    id: str(body.responseId),
    model: str(body.modelVersion),
    choices,
    usage: body.usageMetadata ? usageFromGemini(body.usageMetadata) : undefined,
  });
}

/** Canonical parts as Gemini parts for a Gemini client. */
export function geminiClientParts(parts: ContentPart[], ctx: ConvertContext): Json[] {
  const out: Json[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        if (p.text !== '') out.push({ text: p.text });
        break;
      case 'thinking':
        if (p.redactedData !== undefined) {
          out.push({ text: '', thought: true, thoughtSignature: encodeRedacted(p.redactedData) });
          break;
        }
        out.push(
          compact({
            text: p.text,
            thought: true,
            thoughtSignature: p.signature
              ? encodeSignature(p.origin ?? 'gemini', p.signature, 'gemini')
              : undefined,
          }),
        );
        break;
      case 'tool_call':
        out.push(
          compact({
            functionCall: compact({
              id: p.id !== '' && !isSyntheticId(p.id) ? p.id : undefined,
              name: clientToolName(ctx.toolNameMap, p.name),
              args: argumentsToObject(p.arguments),
            }),
            thoughtSignature: p.thoughtSignature
              ? decodeSignature(p.thoughtSignature, 'gemini').signature
              : undefined,
          }),
        );
        break;
      case 'image':
      case 'document':
      case 'tool_result':
        break;
    }
  }
  // js-genai's chat history rejects candidates with empty parts.
  return out.length > 0 ? out : [{ text: '' }];
}

export function canonicalToGeminiResponse(res: CanonicalResponse, ctx: ConvertContext): Json {
  const out: Json = {
    candidates: res.choices.map((c) => ({
      content: { role: 'model', parts: geminiClientParts(c.content, ctx) },
      finishReason: GEMINI_FINISH_TO[c.finishReason],
      index: c.index,
    })),
    modelVersion: ctx.requestedModel,
    responseId: ctx.id,
  };
  if (res.usage) out.usageMetadata = usageToGemini(res.usage);
  return out;
}
