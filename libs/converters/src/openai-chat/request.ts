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
  ResponseFormat,
  TextPart,
  ThinkingPart,
} from '../canonical/types';
import { sanitizeToolCallId, ToolNameMapper } from '../shared/ids';
import {
  asArray,
  asRecord,
  compact,
  isRecord,
  num,
  requireRecord,
  str,
  type Json,
} from '../shared/json';
import { hasCacheControl, parseCacheControl } from '../shared/cache';
import { sourceFromUrl, sourceToUrl, toDataUrl } from '../shared/media';
import { clamp, DroppedParams } from '../shared/params';
import { parseEffort, reasoningEffort } from '../shared/reasoning';
import { decodeSignature, encodeSignature } from '../shared/signatures';
import { OPENAI_CHAT_KNOWN_PARAMS, OPENAI_CHAT_TOOL_NAMES, openAIMaxTokensField } from './mappings';

function textOf(content: unknown, where: string): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (content === null || content === undefined) return [];
  if (!Array.isArray(content))
    throw new InvalidRequestError(`${where}.content must be a string or an array`);
  const out: TextPart[] = [];
  for (const p of content) {
    const part = asRecord(p);
    const text = str(part.text) ?? str(part.refusal);
    // One part stays one part (one Anthropic block), so its cache breakpoint keeps its place.
    if (text)
      out.push(
        compact({
          type: 'text' as const,
          text,
          cacheControl: parseCacheControl(part.cache_control),
        }),
      );
  }
  return out;
}

/**
 * A message-level `cache_control` (LiteLLM accepts it on the message itself) marks the message's last
 * part, which is where Anthropic puts a breakpoint that covers the whole message.
 */
function withMessageCache<T extends ContentPart>(parts: T[], msg: Json): T[] {
  const cc = parseCacheControl(msg.cache_control);
  if (!cc) return parts;
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i];
    if (p.type === 'thinking') continue;
    if (!p.cacheControl) p.cacheControl = cc;
    break;
  }
  return parts;
}

function userParts(content: unknown, where: string): ContentPart[] {
  if (!Array.isArray(content)) return textOf(content, where);
  const out: ContentPart[] = [];
  content.forEach((p, i) => {
    const part = requireRecord(p, `${where}.content[${i}]`);
    switch (part.type) {
      case 'text':
        if (str(part.text))
          out.push(
            compact({
              type: 'text' as const,
              text: str(part.text) ?? '',
              cacheControl: parseCacheControl(part.cache_control),
            }),
          );
        break;
      case 'image_url': {
        const img = asRecord(part.image_url);
        const url = str(img.url) ?? str(part.image_url);
        if (!url) throw new InvalidRequestError(`${where}.content[${i}].image_url.url is required`);
        out.push(
          compact({
            type: 'image',
            source: sourceFromUrl(url),
            detail: str(img.detail),
            cacheControl: parseCacheControl(part.cache_control),
          }) as ImagePart,
        );
        break;
      }
      case 'file': {
        const file = asRecord(part.file);
        const data = str(file.file_data);
        const fileId = str(file.file_id);
        const doc: DocumentPart = data
          ? {
              type: 'document',
              source: data.startsWith('data:')
                ? sourceFromUrl(data)
                : { kind: 'base64', mimeType: 'application/pdf', data },
            }
          : fileId
            ? { type: 'document', source: { kind: 'file_id', fileId } }
            : (() => {
                throw new InvalidRequestError(
                  `${where}.content[${i}].file needs file_data or file_id`,
                );
              })();
        if (str(file.filename)) doc.filename = str(file.filename);
        const cc = parseCacheControl(part.cache_control);
        if (cc) doc.cacheControl = cc;
        out.push(doc);
        break;
      }
      default:
        throw new InvalidRequestError(
          `${where}.content[${i}].type "${String(part.type)}" is not supported by the gateway`,
        );
    }
  });
  return out;
}

function assistantParts(m: Json, where: string): ContentPart[] {
  const out: ContentPart[] = [];
  // LiteLLM-style `thinking_blocks` carry Anthropic signatures through OpenAI clients.
  const seen = new Set<string>();
  for (const b of asArray(m.thinking_blocks)) {
    const block = asRecord(b);
    // A streamed message re-sends all blocks so far; a client that concatenated them repeats some.
    const key = JSON.stringify([block.type, block.data, block.signature, block.thinking]);
    if (seen.has(key)) continue;
    seen.add(key);
    if (block.type === 'redacted_thinking' && str(block.data)) {
      out.push({ type: 'thinking', text: '', redactedData: str(block.data), origin: 'anthropic' });
    } else if (block.type === 'thinking') {
      const sig = str(block.signature);
      const decoded = sig ? decodeSignature(sig, 'anthropic') : undefined;
      out.push(
        compact({
          type: 'thinking',
          text: str(block.thinking) ?? '',
          signature: decoded?.signature,
          origin: decoded?.origin,
        }) as ThinkingPart,
      );
    }
  }
  const reasoning = str(m.reasoning_content);
  if (out.length === 0 && reasoning) out.push({ type: 'thinking', text: reasoning });
  // A client that accumulated a stream keeps the text in reasoning_content and may hold a signed block
  // with empty text: the signature belongs to that text.
  const signed = out.filter(
    (p): p is ThinkingPart => p.type === 'thinking' && p.redactedData === undefined,
  );
  if (reasoning && signed.length === 1 && signed[0].text === '') signed[0].text = reasoning;
  out.push(...textOf(m.content, where));
  asArray(m.tool_calls).forEach((c, i) => {
    const call = requireRecord(c, `${where}.tool_calls[${i}]`);
    const fn = asRecord(call.function);
    const name = str(fn.name);
    if (!name) throw new InvalidRequestError(`${where}.tool_calls[${i}].function.name is required`);
    const sig = str(asRecord(asRecord(call.extra_content).google).thought_signature);
    out.push(
      compact({
        type: 'tool_call',
        id: str(call.id) ?? '',
        name,
        arguments: str(fn.arguments) ?? '',
        thoughtSignature: sig ? decodeSignature(sig, 'gemini').signature : undefined,
      }) as ContentPart,
    );
  });
  return out;
}

function parseTools(tools: unknown, unsupported: string[]): CanonicalTool[] {
  const out: CanonicalTool[] = [];
  asArray(tools).forEach((t, i) => {
    const tool = requireRecord(t, `tools[${i}]`);
    if (tool.type !== 'function') {
      unsupported.push(`tools[${i}].type=${String(tool.type)}`);
      return;
    }
    const fn = requireRecord(tool.function, `tools[${i}].function`);
    const name = str(fn.name);
    if (!name)
      throw new InvalidRequestError(
        `tools[${i}].function.name is required`,
        `tools[${i}].function.name`,
      );
    out.push(
      compact({
        name,
        description: str(fn.description),
        parameters: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
        strict: typeof fn.strict === 'boolean' ? fn.strict : undefined,
        cacheControl: parseCacheControl(tool.cache_control ?? fn.cache_control),
      }),
    );
  });
  return out;
}

export function parseOpenAIToolChoice(v: unknown): CanonicalToolChoice | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === 'auto' || v === 'none') return { type: v };
  if (v === 'required') return { type: 'required' };
  const o = asRecord(v);
  if (o.type === 'function') {
    const name = str(asRecord(o.function).name) ?? str(o.name);
    if (name) return { type: 'tool', name };
  }
  if (o.type === 'allowed_tools') {
    const at = isRecord(o.allowed_tools) ? o.allowed_tools : o;
    const names = asArray(at.tools)
      .map((t) => str(asRecord(asRecord(t).function).name) ?? str(asRecord(t).name))
      .filter((n): n is string => !!n);
    return at.mode === 'required' ? { type: 'required', allowed: names } : { type: 'auto' };
  }
  throw new InvalidRequestError('tool_choice is not a recognised value', 'tool_choice');
}

export function parseOpenAIResponseFormat(v: unknown): ResponseFormat | undefined {
  const o = asRecord(v);
  if (o.type === 'json_object') return { type: 'json_object' };
  if (o.type === 'text') return { type: 'text' };
  if (o.type === 'json_schema') {
    const js = isRecord(o.json_schema) ? o.json_schema : o;
    return compact({
      type: 'json_schema' as const,
      name: str(js.name),
      description: str(js.description),
      schema: isRecord(js.schema) ? js.schema : {},
      strict: typeof js.strict === 'boolean' ? js.strict : undefined,
    });
  }
  return undefined;
}

function stopList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string');
  return undefined;
}

export function openAIChatToCanonical(raw: unknown): CanonicalRequest {
  const body = requireRecord(raw, 'request body');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw new InvalidRequestError('messages must be a non-empty array', 'messages');
  }
  const unsupported = Object.keys(body).filter((k) => !OPENAI_CHAT_KNOWN_PARAMS.has(k));
  const req: CanonicalRequest = {
    sourceFormat: 'openai-chat',
    model: str(body.model) ?? '',
    system: [],
    messages: [],
    tools: parseTools(body.tools, unsupported),
    stream: body.stream === true,
    unsupportedParams: unsupported,
  };
  const namesById = new Map<string, string>();
  let seenConversation = false;
  body.messages.forEach((m, i) => {
    const where = `messages[${i}]`;
    const msg = requireRecord(m, where);
    switch (msg.role) {
      case 'system':
      case 'developer': {
        const parts = withMessageCache(textOf(msg.content, where), msg);
        if (!seenConversation) req.system.push(...parts);
        else if (parts.length > 0) req.messages.push({ role: 'system', content: parts });
        return;
      }
      case 'user':
        seenConversation = true;
        req.messages.push({
          role: 'user',
          content: withMessageCache(userParts(msg.content, where), msg),
        });
        return;
      case 'assistant': {
        seenConversation = true;
        const content = withMessageCache(assistantParts(msg, where), msg);
        for (const p of content) if (p.type === 'tool_call') namesById.set(p.id, p.name);
        req.messages.push({ role: 'assistant', content });
        return;
      }
      case 'tool': {
        seenConversation = true;
        const callId = str(msg.tool_call_id);
        if (!callId)
          throw new InvalidRequestError(
            `${where}.tool_call_id is required`,
            `${where}.tool_call_id`,
          );
        const content = textOf(msg.content, where);
        // A marker on the tool message or on any of its parts marks the one tool_result block.
        const cc =
          parseCacheControl(msg.cache_control) ??
          [...content].reverse().find((c) => c.cacheControl)?.cacheControl;
        for (const c of content) delete c.cacheControl;
        const part: ContentPart = compact({
          type: 'tool_result' as const,
          callId,
          name: namesById.get(callId),
          content,
          cacheControl: cc,
        });
        const last = req.messages[req.messages.length - 1];
        // N consecutive tool messages form one canonical user turn (one Anthropic user turn / one Gemini Content).
        if (last && last.role === 'user' && last.content.every((p) => p.type === 'tool_result'))
          last.content.push(part);
        else req.messages.push({ role: 'user', content: [part] });
        return;
      }
      default:
        throw new InvalidRequestError(
          `${where}.role "${String(msg.role)}" is not supported`,
          `${where}.role`,
        );
    }
  });

  req.toolChoice = parseOpenAIToolChoice(body.tool_choice);
  if (typeof body.parallel_tool_calls === 'boolean')
    req.parallelToolCalls = body.parallel_tool_calls;
  req.maxTokens = num(body.max_completion_tokens) ?? num(body.max_tokens);
  req.temperature = num(body.temperature);
  req.topP = num(body.top_p);
  req.topK = num(body.top_k);
  req.stop = stopList(body.stop);
  req.n = num(body.n);
  req.seed = num(body.seed);
  req.user = str(body.safety_identifier) ?? str(body.user);
  req.presencePenalty = num(body.presence_penalty);
  req.frequencyPenalty = num(body.frequency_penalty);
  if (body.logprobs === true)
    req.logprobs = compact({ enabled: true, top: num(body.top_logprobs) });
  if (isRecord(body.metadata)) req.metadata = body.metadata as Record<string, string>;
  req.responseFormat = parseOpenAIResponseFormat(body.response_format);
  const effort = parseEffort(body.reasoning_effort);
  if (body.reasoning_effort !== undefined && !effort) {
    throw new InvalidRequestError(
      'reasoning_effort must be one of none, minimal, low, medium, high, xhigh',
      'reasoning_effort',
    );
  }
  if (effort) req.reasoning = { effort, includeThoughts: effort !== 'none' };
  if (req.stream) req.includeUsage = asRecord(body.stream_options).include_usage === true;
  return compact(req as unknown as Json) as unknown as CanonicalRequest;
}

function joinText(parts: ContentPart[]): string {
  return parts
    .filter((p): p is TextPart => p.type === 'text')
    .map((p) => p.text)
    .join('');
}

function userContentToOpenAI(parts: ContentPart[], dropped: DroppedParams): unknown {
  const out: Json[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        out.push({ type: 'text', text: p.text });
        break;
      case 'image': {
        const url = sourceToUrl(p.source);
        if (url) out.push({ type: 'image_url', image_url: compact({ url, detail: p.detail }) });
        else dropped.raw('image.file_id');
        break;
      }
      case 'document':
        if (p.source.kind === 'file_id')
          out.push({ type: 'file', file: { file_id: p.source.fileId } });
        else if (p.source.kind === 'base64')
          out.push({
            type: 'file',
            file: compact({
              file_data: toDataUrl(p.source.mimeType, p.source.data),
              filename: p.filename ?? p.title ?? 'document.pdf',
            }),
          });
        else out.push({ type: 'text', text: p.source.url });
        break;
      case 'thinking':
      case 'tool_call':
      case 'tool_result':
        break;
    }
  }
  if (out.length > 0 && out.every((p) => p.type === 'text'))
    return out.map((p) => p.text as string).join('\n');
  return out;
}

function toolResultText(p: Extract<ContentPart, { type: 'tool_result' }>): string {
  const text = p.content
    .filter((c): c is TextPart => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
  return p.isError && !text.startsWith('Error') ? `Error: ${text}` : text;
}

function messagesToOpenAI(
  req: CanonicalRequest,
  names: ToolNameMapper,
  dropped: DroppedParams,
): Json[] {
  const out: Json[] = [];
  const systemText = req.system.map((p) => p.text).join('\n\n');
  if (systemText) out.push({ role: 'system', content: systemText });
  for (const m of req.messages) {
    switch (m.role) {
      case 'system':
        out.push({ role: 'system', content: joinText(m.content) });
        break;
      case 'user': {
        const media: ContentPart[] = [];
        for (const p of m.content) {
          if (p.type !== 'tool_result') continue;
          out.push({
            role: 'tool',
            tool_call_id: sanitizeToolCallId(p.callId),
            content: toolResultText(p),
          });
          // OpenAI tool messages hold text only: media from a tool result follows as a user message.
          media.push(...p.content.filter((c) => c.type !== 'text'));
        }
        const rest = [...media, ...m.content.filter((p) => p.type !== 'tool_result')];
        if (rest.length > 0) {
          const content = userContentToOpenAI(rest, dropped);
          if (content !== '' && !(Array.isArray(content) && content.length === 0))
            out.push({ role: 'user', content });
        }
        break;
      }
      case 'assistant': {
        const text = joinText(m.content);
        const calls = m.content
          .filter((p) => p.type === 'tool_call')
          .map((p) => ({
            id: sanitizeToolCallId(p.id),
            type: 'function',
            function: { name: names.name(p.name), arguments: p.arguments || '{}' },
          }));
        const msg: Json = {
          role: 'assistant',
          content: text === '' && calls.length > 0 ? null : text,
        };
        if (calls.length > 0) msg.tool_calls = calls;
        out.push(msg);
        break;
      }
    }
  }
  return out;
}

function toolChoiceToOpenAI(c: CanonicalToolChoice, names: ToolNameMapper): unknown {
  switch (c.type) {
    case 'auto':
    case 'none':
      return c.type;
    case 'required':
      return c.allowed && c.allowed.length > 0
        ? {
            type: 'allowed_tools',
            allowed_tools: {
              mode: 'required',
              tools: c.allowed.map((n) => ({
                type: 'function',
                function: { name: names.name(n) },
              })),
            },
          }
        : 'required';
    case 'tool':
      return { type: 'function', function: { name: names.name(c.name) } };
  }
}

export function responseFormatToOpenAI(f: ResponseFormat): Json {
  switch (f.type) {
    case 'text':
    case 'json_object':
      return { type: f.type };
    case 'json_schema':
      return {
        type: 'json_schema',
        json_schema: compact({
          name: f.name ?? 'response',
          description: f.description,
          schema: f.schema,
          strict: f.strict,
        }),
      };
  }
}

export function canonicalToOpenAIChat(
  req: CanonicalRequest,
  ctx: ConvertContext,
  clientParams: ParamNames,
): FromCanonicalRequestResult {
  const dropped = new DroppedParams(req, clientParams);
  const names = new ToolNameMapper(OPENAI_CHAT_TOOL_NAMES);
  // Only Anthropic has per-block cache breakpoints (OpenAI caches automatically, Gemini by resource).
  if (hasCacheControl(req)) dropped.raw('cache_control');
  const body: Json = { model: ctx.upstreamModel, messages: messagesToOpenAI(req, names, dropped) };
  if (req.tools.length > 0) {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: compact({
        name: names.name(t.name),
        description: t.description,
        parameters: t.parameters,
        strict: t.strict,
      }),
    }));
  }
  if (req.toolChoice) body.tool_choice = toolChoiceToOpenAI(req.toolChoice, names);
  if (req.parallelToolCalls !== undefined && req.tools.length > 0)
    body.parallel_tool_calls = req.parallelToolCalls;
  if (req.maxTokens !== undefined) body[openAIMaxTokensField(ctx.upstreamProvider)] = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = clamp(req.temperature, 0, 2);
  if (req.topP !== undefined) body.top_p = req.topP;
  dropped.dropIfSet('topK');
  if (req.stop && req.stop.length > 0) {
    // OpenAI accepts up to 4 stop sequences.
    body.stop = req.stop.slice(0, 4);
    if (req.stop.length > 4) dropped.drop('stop');
  }
  if (req.n !== undefined) body.n = req.n;
  if (req.seed !== undefined) body.seed = req.seed;
  if (req.user !== undefined) body.user = req.user;
  if (req.presencePenalty !== undefined) body.presence_penalty = req.presencePenalty;
  if (req.frequencyPenalty !== undefined) body.frequency_penalty = req.frequencyPenalty;
  if (req.logprobs) {
    body.logprobs = true;
    if (req.logprobs.top !== undefined) body.top_logprobs = req.logprobs.top;
  }
  if (req.metadata) body.metadata = req.metadata;
  if (req.responseFormat) body.response_format = responseFormatToOpenAI(req.responseFormat);
  const effort = reasoningEffort(req.reasoning);
  if (effort !== undefined) body.reasoning_effort = effort;
  if (req.stream) {
    body.stream = true;
    // Always ask for usage: OpenAI only sends it when asked, and the gateway needs it for every client.
    body.stream_options = { include_usage: true };
  }
  return { body, droppedParams: dropped.list(), toolNameMap: names.map };
}

// Exported for the response/stream encoders that print thinking for OpenAI clients.
export function thinkingBlocksForOpenAI(parts: ContentPart[]): Json[] {
  return parts
    .filter(
      (p): p is ThinkingPart =>
        p.type === 'thinking' && (p.signature !== undefined || p.redactedData !== undefined),
    )
    .map((p) =>
      p.redactedData !== undefined
        ? { type: 'redacted_thinking', data: p.redactedData }
        : {
            type: 'thinking',
            thinking: p.text,
            signature: encodeSignature(p.origin ?? 'anthropic', p.signature ?? '', 'anthropic'),
          },
    );
}

export type { CanonicalMessage };
