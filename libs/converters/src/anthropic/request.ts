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
} from '../canonical/types';
import { sanitizeToolCallId, ToolNameMapper } from '../shared/ids';
import {
  argumentsToObject,
  asArray,
  asRecord,
  compact,
  isRecord,
  num,
  requireRecord,
  str,
  type Json,
} from '../shared/json';
import { parseCacheControl, withCacheControl } from '../shared/cache';
import { clamp, DroppedParams } from '../shared/params';
import { parseEffort, reasoningBudget } from '../shared/reasoning';
import { ensureObjectSchema } from '../shared/schema';
import { decodeSignature } from '../shared/signatures';
import {
  ANTHROPIC_KNOWN_PARAMS,
  ANTHROPIC_MIN_THINKING_BUDGET,
  ANTHROPIC_TOOL_NAMES,
  DEFAULT_ANTHROPIC_MAX_TOKENS,
} from './mappings';

function mediaSource(src: Json, where: string): MediaSource {
  switch (src.type) {
    case 'base64':
      return {
        kind: 'base64',
        mimeType: str(src.media_type) ?? 'application/octet-stream',
        data: str(src.data) ?? '',
      };
    case 'url':
      return { kind: 'url', url: str(src.url) ?? '' };
    case 'file':
      return { kind: 'file_id', fileId: str(src.file_id) ?? '' };
    case 'text':
      return {
        kind: 'base64',
        mimeType: 'text/plain',
        data: Buffer.from(str(src.data) ?? '').toString('base64'),
      };
    default:
      throw new InvalidRequestError(`${where}.source.type "${String(src.type)}" is not supported`);
  }
}

function blocksOf(content: unknown, where: string, unsupported: Set<string>): ContentPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content))
    throw new InvalidRequestError(`${where}.content must be a string or an array`);
  const out: ContentPart[] = [];
  content.forEach((b, i) => {
    const w = `${where}.content[${i}]`;
    const block = requireRecord(b, w);
    const cacheControl = parseCacheControl(block.cache_control);
    switch (block.type) {
      case 'text':
        if (str(block.text))
          out.push(compact({ type: 'text' as const, text: str(block.text) ?? '', cacheControl }));
        break;
      case 'image':
        out.push(
          compact({
            type: 'image',
            source: mediaSource(asRecord(block.source), w),
            cacheControl,
          }) as ImagePart,
        );
        break;
      case 'document':
        out.push(
          compact({
            type: 'document',
            source: mediaSource(asRecord(block.source), w),
            title: str(block.title),
            cacheControl,
          }) as DocumentPart,
        );
        break;
      case 'thinking': {
        const decoded = decodeSignature(str(block.signature) ?? '', 'anthropic');
        out.push({
          type: 'thinking',
          text: str(block.thinking) ?? '',
          signature: decoded.signature,
          origin: decoded.origin,
        });
        break;
      }
      case 'redacted_thinking':
        out.push({
          type: 'thinking',
          text: '',
          redactedData: str(block.data) ?? '',
          origin: 'anthropic',
        });
        break;
      case 'tool_use':
        out.push(
          compact({
            type: 'tool_call',
            id: str(block.id) ?? '',
            name: str(block.name) ?? '',
            arguments: JSON.stringify(block.input ?? {}),
            cacheControl,
          }) as ContentPart,
        );
        break;
      case 'tool_result': {
        const inner = blocksOf(block.content ?? '', w, unsupported).filter(
          (p): p is TextPart | ImagePart | DocumentPart =>
            p.type === 'text' || p.type === 'image' || p.type === 'document',
        );
        out.push(
          compact({
            type: 'tool_result',
            callId: str(block.tool_use_id) ?? '',
            content: inner,
            isError: block.is_error === true ? true : undefined,
            cacheControl,
          }) as ContentPart,
        );
        break;
      }
      default:
        throw new InvalidRequestError(
          `${w}.type "${String(block.type)}" is not supported by the gateway`,
        );
    }
  });
  return attachGeminiSignatures(out);
}

/** An empty thinking block signed `gemini:` right before a tool_use carries that call's thoughtSignature. */
function attachGeminiSignatures(parts: ContentPart[]): ContentPart[] {
  const out: ContentPart[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const next = parts[i + 1];
    if (
      p.type === 'thinking' &&
      p.origin === 'gemini' &&
      p.text === '' &&
      p.signature &&
      next?.type === 'tool_call'
    ) {
      next.thoughtSignature = p.signature;
      continue;
    }
    out.push(p);
  }
  return out;
}

function parseToolChoice(v: unknown): { choice?: CanonicalToolChoice; parallel?: boolean } {
  if (!isRecord(v)) return {};
  const parallel = v.disable_parallel_tool_use === true ? false : undefined;
  switch (v.type) {
    case 'auto':
      return { choice: { type: 'auto' }, parallel };
    case 'none':
      return { choice: { type: 'none' }, parallel };
    case 'any':
      return { choice: { type: 'required' }, parallel };
    case 'tool':
      return { choice: { type: 'tool', name: str(v.name) ?? '' }, parallel };
    default:
      throw new InvalidRequestError(
        'tool_choice.type must be auto, any, tool or none',
        'tool_choice',
      );
  }
}

export function anthropicToCanonical(raw: unknown): CanonicalRequest {
  const body = requireRecord(raw, 'request body');
  if (!Array.isArray(body.messages))
    throw new InvalidRequestError('messages: Field required', 'messages');
  if (num(body.max_tokens) === undefined)
    throw new InvalidRequestError('max_tokens: Field required', 'max_tokens');
  const unsupported = new Set(Object.keys(body).filter((k) => !ANTHROPIC_KNOWN_PARAMS.has(k)));
  const system: TextPart[] =
    body.system === undefined
      ? []
      : blocksOf(body.system, 'system', unsupported).filter(
          (p): p is TextPart => p.type === 'text',
        );
  const namesById = new Map<string, string>();
  const messages: CanonicalMessage[] = body.messages.map((m, i) => {
    const msg = requireRecord(m, `messages[${i}]`);
    if (msg.role !== 'user' && msg.role !== 'assistant' && msg.role !== 'system') {
      throw new InvalidRequestError(
        `messages[${i}].role must be user or assistant`,
        `messages[${i}].role`,
      );
    }
    const content = blocksOf(msg.content, `messages[${i}]`, unsupported);
    for (const p of content) {
      if (p.type === 'tool_call') namesById.set(p.id, p.name);
      if (p.type === 'tool_result') p.name = namesById.get(p.callId);
    }
    return { role: msg.role, content };
  });
  const tools: CanonicalTool[] = [];
  asArray(body.tools).forEach((t, i) => {
    const tool = requireRecord(t, `tools[${i}]`);
    if (tool.type !== undefined && tool.type !== 'custom') {
      unsupported.add(`tools[${i}].type=${String(tool.type)}`);
      return;
    }
    tools.push(
      compact({
        name: str(tool.name) ?? '',
        description: str(tool.description),
        parameters: asRecord(tool.input_schema),
        cacheControl: parseCacheControl(tool.cache_control),
      }),
    );
  });
  const { choice, parallel } = parseToolChoice(body.tool_choice);
  const req: CanonicalRequest = {
    sourceFormat: 'anthropic-messages',
    model: str(body.model) ?? '',
    system,
    messages,
    tools,
    toolChoice: choice,
    parallelToolCalls: parallel,
    maxTokens: num(body.max_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    topK: num(body.top_k),
    stop: Array.isArray(body.stop_sequences)
      ? body.stop_sequences.filter((s): s is string => typeof s === 'string')
      : undefined,
    user: str(asRecord(body.metadata).user_id),
    stream: body.stream === true,
    unsupportedParams: [],
  };
  const thinking = asRecord(body.thinking);
  const outputConfig = asRecord(body.output_config);
  if (thinking.type === 'enabled') {
    req.reasoning = {
      budgetTokens: num(thinking.budget_tokens) ?? ANTHROPIC_MIN_THINKING_BUDGET,
      includeThoughts: thinking.display !== 'omitted',
    };
  } else if (thinking.type === 'adaptive') {
    req.reasoning = {
      effort: parseEffort(outputConfig.effort) ?? 'medium',
      includeThoughts: thinking.display !== 'omitted',
    };
  } else if (thinking.type === 'disabled') {
    req.reasoning = { effort: 'none' };
  }
  const format = asRecord(outputConfig.format ?? body.output_format);
  if (format.type === 'json_schema')
    req.responseFormat = { type: 'json_schema', schema: asRecord(format.schema) };
  req.unsupportedParams = [...unsupported];
  return compact(req as unknown as Json) as unknown as CanonicalRequest;
}

function mediaToAnthropic(source: MediaSource): Json {
  switch (source.kind) {
    case 'base64':
      return { type: 'base64', media_type: source.mimeType, data: source.data };
    case 'url':
      return { type: 'url', url: source.url };
    case 'file_id':
      return { type: 'file', file_id: source.fileId };
  }
}

function documentToAnthropic(p: DocumentPart): Json {
  if (p.source.kind === 'base64' && p.source.mimeType.startsWith('text/')) {
    return compact({
      type: 'document',
      source: {
        type: 'text',
        media_type: 'text/plain',
        data: Buffer.from(p.source.data, 'base64').toString('utf8'),
      },
      title: p.title ?? p.filename,
    });
  }
  return compact({
    type: 'document',
    source: mediaToAnthropic(p.source),
    title: p.title ?? p.filename,
  });
}

function partsToAnthropic(
  parts: ContentPart[],
  names: ToolNameMapper,
  keepThinking: boolean,
): Json[] {
  const out: Json[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        if (p.text !== '')
          out.push(withCacheControl({ type: 'text', text: p.text }, p.cacheControl));
        break;
      case 'image':
        out.push(
          withCacheControl({ type: 'image', source: mediaToAnthropic(p.source) }, p.cacheControl),
        );
        break;
      case 'document':
        out.push(withCacheControl(documentToAnthropic(p), p.cacheControl));
        break;
      case 'thinking':
        // Only Anthropic-signed blocks can be replayed; unsigned or foreign ones would be rejected.
        if (!keepThinking || (p.origin ?? 'anthropic') !== 'anthropic') break;
        if (p.redactedData !== undefined)
          out.push({ type: 'redacted_thinking', data: p.redactedData });
        else if (p.signature)
          out.push({ type: 'thinking', thinking: p.text, signature: p.signature });
        break;
      case 'tool_call':
        out.push(
          withCacheControl(
            {
              type: 'tool_use',
              id: sanitizeToolCallId(p.id),
              name: names.name(p.name),
              input: argumentsToObject(p.arguments),
            },
            p.cacheControl,
          ),
        );
        break;
      case 'tool_result': {
        const content = partsToAnthropic(p.content, names, false);
        const plain =
          content.length === 1 && content[0].type === 'text' && !content[0].cache_control;
        out.push(
          withCacheControl(
            compact({
              type: 'tool_result',
              tool_use_id: sanitizeToolCallId(p.callId),
              content: plain ? content[0].text : content,
              is_error: p.isError ? true : undefined,
            }),
            p.cacheControl,
          ),
        );
        break;
      }
    }
  }
  return out;
}

function messagesToAnthropic(
  req: CanonicalRequest,
  names: ToolNameMapper,
  keepThinking: boolean,
): Json[] {
  const out: { role: string; content: Json[] }[] = [];
  for (const m of req.messages) {
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    // Later system messages stay in place as user text so the cached prefix is unchanged.
    const parts: ContentPart[] =
      m.role === 'system'
        ? m.content.map((p) => (p.type === 'text' ? { ...p, text: `System: ${p.text}` } : p))
        : m.content;
    const content = partsToAnthropic(parts, names, keepThinking);
    if (content.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last.role === role) last.content.push(...content);
    else out.push({ role, content });
  }
  // tool_result blocks must open the user turn that answers a tool_use.
  for (const m of out) {
    if (m.role === 'user')
      m.content.sort((a, b) => Number(b.type === 'tool_result') - Number(a.type === 'tool_result'));
  }
  return out;
}

/** Anthropic rejects a thinking request whose last tool-use turn has no signed thinking block to replay. */
function lastToolTurnHasThinking(req: CanonicalRequest): boolean {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i];
    if (m.role !== 'assistant') continue;
    if (!m.content.some((p) => p.type === 'tool_call')) return true;
    return m.content.some(
      (p) =>
        p.type === 'thinking' &&
        (p.origin ?? 'anthropic') === 'anthropic' &&
        (p.signature || p.redactedData),
    );
  }
  return true;
}

export function canonicalToAnthropic(
  req: CanonicalRequest,
  ctx: ConvertContext,
  clientParams: ParamNames,
): FromCanonicalRequestResult {
  const dropped = new DroppedParams(req, clientParams);
  const names = new ToolNameMapper(ANTHROPIC_TOOL_NAMES);
  const maxTokens = req.maxTokens ?? ctx.maxOutputTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS;
  const forced = req.toolChoice?.type === 'required' || req.toolChoice?.type === 'tool';
  let budget = reasoningBudget(req.reasoning);
  if (budget !== undefined && budget > 0) {
    // "Thinking may not be enabled when tool_choice forces tool use": keep the explicit tool choice.
    if (forced || !lastToolTurnHasThinking(req) || maxTokens <= ANTHROPIC_MIN_THINKING_BUDGET) {
      dropped.drop('reasoning');
      budget = undefined;
    } else {
      budget = Math.max(ANTHROPIC_MIN_THINKING_BUDGET, Math.min(budget, maxTokens - 1));
    }
  } else {
    budget = undefined;
  }
  const body: Json = { model: ctx.upstreamModel, max_tokens: maxTokens };
  // A cache breakpoint belongs to one system block: with any marker the system prompt is sent as one
  // text block per client part; without, as the joined string it always was.
  if (req.system.some((p) => p.cacheControl !== undefined))
    body.system = req.system
      .filter((p) => p.text !== '')
      .map((p) => withCacheControl({ type: 'text', text: p.text }, p.cacheControl));
  else {
    const system = req.system.map((p) => p.text).join('\n\n');
    if (system) body.system = system;
  }
  body.messages = messagesToAnthropic(req, names, budget !== undefined);
  let tools = req.tools;
  if (
    req.toolChoice?.type === 'required' &&
    req.toolChoice.allowed &&
    req.toolChoice.allowed.length > 0
  ) {
    const allowed = new Set(req.toolChoice.allowed);
    tools = tools.filter((t) => allowed.has(t.name));
  }
  if (tools.length > 0) {
    body.tools = tools.map((t) =>
      withCacheControl(
        compact({
          name: names.name(t.name),
          description: t.description,
          input_schema: ensureObjectSchema(t.parameters),
        }),
        t.cacheControl,
      ),
    );
  }
  let toolChoice: Json | undefined;
  switch (req.toolChoice?.type) {
    case undefined:
      break;
    case 'auto':
    case 'none':
      toolChoice = { type: req.toolChoice.type };
      break;
    case 'required':
      toolChoice = { type: 'any' };
      break;
    case 'tool':
      toolChoice = { type: 'tool', name: names.name(req.toolChoice.name) };
      break;
  }
  if (req.parallelToolCalls === false && tools.length > 0) {
    toolChoice = { ...(toolChoice ?? { type: 'auto' }), disable_parallel_tool_use: true };
  }
  if (toolChoice && (tools.length > 0 || toolChoice.type === 'none')) body.tool_choice = toolChoice;
  if (budget !== undefined) {
    body.thinking = { type: 'enabled', budget_tokens: budget };
    // With thinking, temperature must be 1 and top_k unset.
    if (req.temperature !== undefined && req.temperature !== 1) dropped.drop('temperature');
    dropped.dropIfSet('topK');
    if (req.topP !== undefined) body.top_p = clamp(req.topP, 0.95, 1);
  } else {
    if (req.temperature !== undefined) body.temperature = clamp(req.temperature, 0, 1);
    if (req.topP !== undefined) body.top_p = req.topP;
    if (req.topK !== undefined) body.top_k = req.topK;
  }
  if (req.stop) {
    const stops = req.stop.filter((s) => s.trim() !== '');
    if (stops.length > 0) body.stop_sequences = stops;
    if (stops.length !== req.stop.length) dropped.drop('stop');
  }
  if (req.n !== undefined && req.n !== 1) dropped.drop('n');
  dropped.dropIfSet('seed');
  dropped.dropIfSet('presencePenalty');
  dropped.dropIfSet('frequencyPenalty');
  dropped.dropIfSet('logprobs');
  dropped.dropIfSet('metadata');
  if (req.user) body.metadata = { user_id: req.user };
  if (req.responseFormat?.type === 'json_schema')
    body.output_config = { format: { type: 'json_schema', schema: req.responseFormat.schema } };
  else if (req.responseFormat?.type === 'json_object') dropped.drop('responseFormat');
  if (req.stream) body.stream = true;
  return { body, droppedParams: dropped.list(), toolNameMap: names.map };
}
