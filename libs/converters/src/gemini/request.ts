import type { ParamNames } from '../codec';
import { InvalidRequestError } from '../canonical/errors';
import type {
  CanonicalMessage,
  CanonicalRequest,
  CanonicalTool,
  CanonicalToolChoice,
  ContentPart,
  ConvertContext,
  DocumentPart,
  FromCanonicalRequestResult,
  ImagePart,
  MediaSource,
  TextPart,
  ToolCallPart,
} from '../canonical/types';
import { isSyntheticId, SYNTHETIC_ID_PREFIX, ToolNameMapper } from '../shared/ids';
import {
  argumentsToObject,
  asArray,
  asRecord,
  compact,
  isRecord,
  num,
  requireRecord,
  str,
  tryParseJson,
  type Json,
} from '../shared/json';
import { guessMimeType } from '../shared/media';
import { hasCacheControl } from '../shared/cache';
import { clamp, DroppedParams } from '../shared/params';
import { budgetToEffort, reasoningBudget } from '../shared/reasoning';
import { cleanGeminiSchema, lowerCaseTypes } from '../shared/schema';
import {
  decodeReasoningCarrier,
  decodeSignature,
  GEMINI_SKIP_SIGNATURE,
} from '../shared/signatures';
import {
  GEMINI_KNOWN_PARAMS,
  GEMINI_MAX_STOP,
  GEMINI_TOOL_MODE,
  GEMINI_TOOL_NAMES,
} from './mappings';

function media(mimeType: string, source: MediaSource): ImagePart | DocumentPart {
  return mimeType.startsWith('image/') ? { type: 'image', source } : { type: 'document', source };
}

/** A Gemini functionResponse.response object as tool-result text. */
function responseText(response: unknown): { text: string; isError: boolean } {
  const r = asRecord(response);
  const keys = Object.keys(r);
  if (keys.length === 1 && typeof r.output === 'string') return { text: r.output, isError: false };
  if (keys.length === 1 && r.error !== undefined) {
    return { text: typeof r.error === 'string' ? r.error : JSON.stringify(r.error), isError: true };
  }
  return { text: JSON.stringify(response ?? {}), isError: false };
}

export function geminiToCanonical(raw: unknown): CanonicalRequest {
  const body = requireRecord(raw, 'request body');
  if (!Array.isArray(body.contents) || body.contents.length === 0) {
    throw new InvalidRequestError('contents must be a non-empty array', 'contents');
  }
  const unsupported = Object.keys(body).filter((k) => !GEMINI_KNOWN_PARAMS.has(k));
  const messages: CanonicalMessage[] = [];
  // Gemini pairs responses to calls by id when it gave one, else by name and call order: the k-th
  // response named f answers the k-th call of f, whatever order the client lists the responses in. A call
  // turn split over several model Contents, or its responses over several user Contents, is one turn.
  let pendingCalls: ToolCallPart[] = [];
  let answered = new Set<string>();
  let prevRole: string | undefined;
  body.contents.forEach((c, turn) => {
    const content = requireRecord(c, `contents[${turn}]`);
    const role = content.role === 'model' ? 'assistant' : 'user';
    const parts: ContentPart[] = [];
    if (role === 'assistant' && prevRole !== 'assistant') {
      pendingCalls = [];
      answered = new Set<string>();
    }
    prevRole = role;
    let callN = 0;
    asArray(content.parts).forEach((p, i) => {
      const part = requireRecord(p, `contents[${turn}].parts[${i}]`);
      const sig = str(part.thoughtSignature);
      if (part.functionCall !== undefined) {
        const fc = asRecord(part.functionCall);
        parts.push(
          compact({
            type: 'tool_call',
            id: str(fc.id) ?? `${SYNTHETIC_ID_PREFIX}${turn}_${callN++}`,
            name: str(fc.name) ?? '',
            arguments: JSON.stringify(fc.args ?? {}),
            thoughtSignature: sig ? decodeSignature(sig, 'gemini').signature : undefined,
          }) as ContentPart,
        );
      } else if (part.functionResponse !== undefined) {
        const fr = asRecord(part.functionResponse);
        const name = str(fr.name) ?? '';
        const byId = str(fr.id)
          ? pendingCalls.find((x) => x.id === fr.id && !answered.has(x.id))
          : undefined;
        const call =
          byId ??
          pendingCalls.find((x) => !answered.has(x.id) && x.name === name) ??
          // A name that matches no call: Gemini's own positional convention.
          pendingCalls.find((x) => !answered.has(x.id));
        if (call) answered.add(call.id);
        const { text, isError } = responseText(fr.response);
        parts.push(
          compact({
            type: 'tool_result',
            callId: call?.id ?? str(fr.id) ?? `${SYNTHETIC_ID_PREFIX}${turn}_${i}`,
            name,
            content: text === '' ? [] : [{ type: 'text', text }],
            isError: isError || undefined,
          }) as ContentPart,
        );
      } else if (typeof part.text === 'string') {
        if (part.thought === true) {
          const carried = sig ? decodeReasoningCarrier(sig, 'gemini') : undefined;
          if (carried && 'redactedData' in carried) {
            parts.push({
              type: 'thinking',
              text: '',
              redactedData: carried.redactedData,
              origin: 'anthropic',
            });
            return;
          }
          const decoded = carried;
          const prev = parts[parts.length - 1];
          // Streamed thoughts come back as several parts with the signature on the last one: one block.
          if (prev?.type === 'thinking' && !prev.signature && prev.redactedData === undefined) {
            prev.text += part.text;
            if (decoded) {
              prev.signature = decoded.signature;
              prev.origin = decoded.origin;
            }
            return;
          }
          parts.push(
            compact({
              type: 'thinking',
              text: part.text,
              signature: decoded?.signature,
              origin: decoded?.origin ?? 'gemini',
            }) as ContentPart,
          );
        } else if (part.text !== '') parts.push({ type: 'text', text: part.text });
      } else if (isRecord(part.inlineData)) {
        const mimeType = str(part.inlineData.mimeType) ?? 'application/octet-stream';
        parts.push(
          media(mimeType, { kind: 'base64', mimeType, data: str(part.inlineData.data) ?? '' }),
        );
      } else if (isRecord(part.fileData)) {
        const url = str(part.fileData.fileUri) ?? '';
        const mimeType =
          str(part.fileData.mimeType) ?? guessMimeType(url, 'application/octet-stream');
        parts.push(media(mimeType, { kind: 'url', url, mimeType }));
      } else {
        throw new InvalidRequestError(`contents[${turn}].parts[${i}] has no supported data field`);
      }
    });
    if (role === 'assistant')
      pendingCalls.push(...parts.filter((p): p is ToolCallPart => p.type === 'tool_call'));
    messages.push({ role, content: parts });
  });

  const system = asArray(asRecord(body.systemInstruction).parts)
    .map((p) => str(asRecord(p).text))
    .filter((t): t is string => !!t)
    .map((text): TextPart => ({ type: 'text', text }));

  const tools: CanonicalTool[] = [];
  asArray(body.tools).forEach((t, i) => {
    const tool = asRecord(t);
    for (const k of Object.keys(tool))
      if (k !== 'functionDeclarations') unsupported.push(`tools[${i}].${k}`);
    for (const d of asArray(tool.functionDeclarations)) {
      const decl = asRecord(d);
      const params = decl.parametersJsonSchema ?? lowerCaseTypes(decl.parameters);
      tools.push(
        compact({
          name: str(decl.name) ?? '',
          description: str(decl.description),
          parameters: isRecord(params) ? params : { type: 'object', properties: {} },
        }),
      );
    }
  });

  const fcc = asRecord(asRecord(body.toolConfig).functionCallingConfig);
  const allowed = asArray(fcc.allowedFunctionNames).filter(
    (n): n is string => typeof n === 'string',
  );
  let toolChoice: CanonicalToolChoice | undefined;
  if (fcc.mode === 'AUTO' || fcc.mode === 'VALIDATED') toolChoice = { type: 'auto' };
  else if (fcc.mode === 'NONE') toolChoice = { type: 'none' };
  else if (fcc.mode === 'ANY')
    toolChoice =
      allowed.length === 1
        ? { type: 'tool', name: allowed[0] }
        : compact({ type: 'required' as const, allowed: allowed.length > 0 ? allowed : undefined });

  const gc = asRecord(body.generationConfig);
  const req: CanonicalRequest = {
    sourceFormat: 'gemini',
    model: '',
    system,
    messages,
    tools,
    toolChoice,
    maxTokens: num(gc.maxOutputTokens),
    temperature: num(gc.temperature),
    topP: num(gc.topP),
    topK: num(gc.topK),
    stop: Array.isArray(gc.stopSequences)
      ? gc.stopSequences.filter((s): s is string => typeof s === 'string')
      : undefined,
    n: num(gc.candidateCount),
    seed: num(gc.seed),
    presencePenalty: num(gc.presencePenalty),
    frequencyPenalty: num(gc.frequencyPenalty),
    stream: false,
    unsupportedParams: unsupported,
  };
  if (gc.responseLogprobs === true)
    req.logprobs = compact({ enabled: true, top: num(gc.logprobs) });
  const schema =
    gc.responseJsonSchema ??
    (gc.responseSchema !== undefined ? lowerCaseTypes(gc.responseSchema) : undefined);
  if (isRecord(schema)) req.responseFormat = { type: 'json_schema', schema };
  else if (gc.responseMimeType === 'application/json') req.responseFormat = { type: 'json_object' };
  const tc = asRecord(gc.thinkingConfig);
  const budget = num(tc.thinkingBudget);
  const level = str(tc.thinkingLevel)?.toLowerCase();
  if (budget !== undefined) {
    // -1 = dynamic thinking: no fixed budget, medium effort elsewhere.
    req.reasoning =
      budget < 0
        ? { effort: 'medium', includeThoughts: tc.includeThoughts === true }
        : {
            budgetTokens: budget,
            effort: budgetToEffort(budget),
            includeThoughts: tc.includeThoughts === true,
          };
  } else if (level === 'minimal' || level === 'low' || level === 'medium' || level === 'high') {
    req.reasoning = { effort: level, includeThoughts: tc.includeThoughts === true };
  } else if (tc.includeThoughts === true) {
    req.reasoning = { includeThoughts: true };
  }
  for (const k of Object.keys(gc)) {
    if (
      ![
        'maxOutputTokens',
        'temperature',
        'topP',
        'topK',
        'stopSequences',
        'candidateCount',
        'seed',
        'presencePenalty',
        'frequencyPenalty',
        'responseLogprobs',
        'logprobs',
        'responseMimeType',
        'responseSchema',
        'responseJsonSchema',
        'thinkingConfig',
      ].includes(k)
    ) {
      unsupported.push(`generationConfig.${k}`);
    }
  }
  return compact(req as unknown as Json) as unknown as CanonicalRequest;
}

function mediaPart(source: MediaSource, dropped: DroppedParams): Json | undefined {
  switch (source.kind) {
    case 'base64':
      return { inlineData: { mimeType: source.mimeType, data: source.data } };
    case 'url':
      return {
        fileData: {
          mimeType: source.mimeType ?? guessMimeType(source.url, 'image/jpeg'),
          fileUri: source.url,
        },
      };
    case 'file_id':
      dropped.raw('file_id');
      return undefined;
  }
}

function toolResultResponse(p: Extract<ContentPart, { type: 'tool_result' }>): Json {
  const text = p.content
    .filter((c): c is TextPart => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
  if (p.isError) return { error: text };
  const parsed = tryParseJson(text);
  // js-genai: "Use 'output' key to specify function output and 'error' key to specify error details".
  return isRecord(parsed) ? parsed : { output: text };
}

function partsToGemini(
  role: 'user' | 'model',
  parts: ContentPart[],
  names: ToolNameMapper,
  callNames: Map<string, string>,
  dropped: DroppedParams,
): Json[] {
  const out: Json[] = [];
  let signedFirstCall = false;
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        if (p.text !== '') out.push({ text: p.text });
        break;
      case 'image':
      case 'document': {
        const part = mediaPart(p.source, dropped);
        if (part) out.push(part);
        break;
      }
      case 'thinking':
        // Only Gemini-minted thoughts go back; Anthropic/OpenAI reasoning would be invalid here.
        if (p.origin === 'gemini' && p.signature && p.text !== '')
          out.push({ text: p.text, thought: true, thoughtSignature: p.signature });
        break;
      case 'tool_call': {
        const call: Json = {
          functionCall: compact({
            name: names.name(p.name),
            args: argumentsToObject(p.arguments),
            id: isSyntheticId(p.id) || p.id === '' ? undefined : p.id,
          }),
        };
        // Gemini 3 rejects a call turn whose first functionCall lacks its signature; history from other
        // providers has none, so use the documented bypass value.
        if (p.thoughtSignature) call.thoughtSignature = p.thoughtSignature;
        else if (!signedFirstCall && role === 'model')
          call.thoughtSignature = GEMINI_SKIP_SIGNATURE;
        signedFirstCall = true;
        callNames.set(p.id, p.name);
        out.push(call);
        break;
      }
      case 'tool_result':
        out.push({
          functionResponse: compact({
            name: names.name(p.name ?? callNames.get(p.callId) ?? ''),
            response: toolResultResponse(p),
            id: isSyntheticId(p.callId) ? undefined : p.callId,
          }),
        });
        for (const c of p.content) {
          if (c.type === 'text') continue;
          const part = mediaPart(c.source, dropped);
          if (part) out.push(part);
        }
        break;
    }
  }
  return out;
}

/**
 * Tool results in the order of their calls. Gemini pairs a functionResponse with its call by position
 * (ids are optional and never sent for calls that had none), so results a client listed in another
 * order would answer the wrong call; other parts keep their places.
 */
function inCallOrder(parts: ContentPart[], callOrder: string[]): ContentPart[] {
  const slots = parts.flatMap((p, i) => (p.type === 'tool_result' ? [i] : []));
  if (slots.length < 2) return parts;
  const rank = (id: string): number => {
    const k = callOrder.indexOf(id);
    return k < 0 ? callOrder.length : k;
  };
  const sorted = slots
    .map((i) => parts[i] as Extract<ContentPart, { type: 'tool_result' }>)
    .map((p, n) => ({ p, n }))
    .sort((a, b) => rank(a.p.callId) - rank(b.p.callId) || a.n - b.n)
    .map((x) => x.p);
  const out = [...parts];
  slots.forEach((slot, n) => (out[slot] = sorted[n]));
  return out;
}

export function canonicalToGemini(
  req: CanonicalRequest,
  ctx: ConvertContext,
  clientParams: ParamNames,
): FromCanonicalRequestResult {
  void ctx;
  const dropped = new DroppedParams(req, clientParams);
  const names = new ToolNameMapper(GEMINI_TOOL_NAMES);
  // Only Anthropic has per-block cache breakpoints (OpenAI caches automatically, Gemini by resource).
  if (hasCacheControl(req)) dropped.raw('cache_control');
  const callNames = new Map<string, string>();
  const contents: { role: string; parts: Json[] }[] = [];
  // Ids of the calls of the latest model turn, in call order.
  let callOrder: string[] = [];
  let prevAssistant = false;
  for (const m of req.messages) {
    const role = m.role === 'assistant' ? 'model' : 'user';
    if (m.role === 'assistant') {
      if (!prevAssistant) callOrder = [];
      callOrder.push(...m.content.flatMap((p) => (p.type === 'tool_call' ? [p.id] : [])));
    }
    prevAssistant = m.role === 'assistant';
    const src: ContentPart[] =
      m.role === 'system'
        ? m.content.map((p) => (p.type === 'text' ? { ...p, text: `System: ${p.text}` } : p))
        : inCallOrder(m.content, callOrder);
    const parts = partsToGemini(role, src, names, callNames, dropped);
    if (parts.length === 0) continue;
    const last = contents[contents.length - 1];
    // Gemini requires alternating user/model turns and all function responses of a turn in one Content.
    if (last && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  }
  const body: Json = { contents };
  if (req.system.length > 0)
    body.systemInstruction = { parts: [{ text: req.system.map((p) => p.text).join('\n\n') }] };
  const tools = req.tools;
  if (tools.length > 0) {
    body.tools = [
      {
        functionDeclarations: tools.map((t) =>
          compact({
            name: names.name(t.name),
            description: t.description,
            parameters: cleanGeminiSchema(t.parameters),
          }),
        ),
      },
    ];
  }
  if (req.toolChoice && tools.length > 0) {
    const c = req.toolChoice;
    const fcc: Json = { mode: GEMINI_TOOL_MODE[c.type] };
    if (c.type === 'tool') fcc.allowedFunctionNames = [names.name(c.name)];
    if (c.type === 'required' && c.allowed && c.allowed.length > 0)
      fcc.allowedFunctionNames = c.allowed.map((n) => names.name(n));
    body.toolConfig = { functionCallingConfig: fcc };
  }
  if (req.parallelToolCalls === false) dropped.drop('parallelToolCalls');
  const gc: Json = {};
  if (req.maxTokens !== undefined) gc.maxOutputTokens = req.maxTokens;
  if (req.temperature !== undefined) gc.temperature = clamp(req.temperature, 0, 2);
  if (req.topP !== undefined) gc.topP = req.topP;
  if (req.topK !== undefined) gc.topK = req.topK;
  if (req.stop && req.stop.length > 0) {
    gc.stopSequences = req.stop.slice(0, GEMINI_MAX_STOP);
    if (req.stop.length > GEMINI_MAX_STOP) dropped.drop('stop');
  }
  if (req.n !== undefined) gc.candidateCount = req.n;
  if (req.seed !== undefined) gc.seed = req.seed;
  if (req.presencePenalty !== undefined) gc.presencePenalty = req.presencePenalty;
  if (req.frequencyPenalty !== undefined) gc.frequencyPenalty = req.frequencyPenalty;
  if (req.logprobs) {
    gc.responseLogprobs = true;
    if (req.logprobs.top !== undefined) gc.logprobs = req.logprobs.top;
  }
  if (req.responseFormat?.type === 'json_object') gc.responseMimeType = 'application/json';
  if (req.responseFormat?.type === 'json_schema') {
    gc.responseMimeType = 'application/json';
    gc.responseSchema = cleanGeminiSchema(req.responseFormat.schema);
  }
  const budget = reasoningBudget(req.reasoning);
  if (budget !== undefined)
    gc.thinkingConfig = compact({
      thinkingBudget: budget,
      includeThoughts: budget > 0 && req.reasoning?.includeThoughts !== false ? true : undefined,
    });
  else if (req.reasoning?.includeThoughts) gc.thinkingConfig = { includeThoughts: true };
  if (Object.keys(gc).length > 0) body.generationConfig = gc;
  dropped.dropIfSet('user');
  dropped.dropIfSet('metadata');
  return { body, droppedParams: dropped.list(), toolNameMap: names.map };
}
