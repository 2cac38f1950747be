import type { ParamNames } from '../codec';
import { InvalidRequestError } from '../canonical/errors';
import type {
  CanonicalMessage,
  CanonicalRequest,
  CanonicalTool,
  CanonicalToolChoice,
  ContentPart,
  ConvertContext,
  FromCanonicalRequestResult,
  ResponseFormat,
  TextPart,
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
import { sourceFromUrl, sourceToUrl, toDataUrl } from '../shared/media';
import { hasCacheControl, parseCacheControl } from '../shared/cache';
import { clamp, DroppedParams } from '../shared/params';
import { parseEffort, reasoningEffort } from '../shared/reasoning';
import { decodeReasoningCarrier } from '../shared/signatures';
import { parseOpenAIToolChoice } from '../openai-chat/request';
import { RESPONSES_KNOWN_PARAMS, RESPONSES_TOOL_NAMES } from './mappings';

function contentParts(content: unknown, where: string): ContentPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const out: ContentPart[] = [];
  asArray(content).forEach((p, i) => {
    const part = requireRecord(p, `${where}.content[${i}]`);
    switch (part.type) {
      case 'input_text':
      case 'output_text':
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
      case 'refusal':
        if (str(part.refusal)) out.push({ type: 'text', text: str(part.refusal) ?? '' });
        break;
      case 'input_image': {
        const url = str(part.image_url);
        const fileId = str(part.file_id);
        if (url)
          out.push(
            compact({
              type: 'image',
              source: sourceFromUrl(url),
              detail: str(part.detail),
              cacheControl: parseCacheControl(part.cache_control),
            }) as ContentPart,
          );
        else if (fileId)
          out.push(
            compact({
              type: 'image',
              source: { kind: 'file_id', fileId },
              cacheControl: parseCacheControl(part.cache_control),
            }) as ContentPart,
          );
        break;
      }
      case 'input_file': {
        const data = str(part.file_data);
        const url = str(part.file_url);
        const fileId = str(part.file_id);
        const source = data
          ? data.startsWith('data:')
            ? sourceFromUrl(data)
            : { kind: 'base64' as const, mimeType: 'application/pdf', data }
          : url
            ? { kind: 'url' as const, url }
            : fileId
              ? { kind: 'file_id' as const, fileId }
              : undefined;
        if (!source)
          throw new InvalidRequestError(
            `${where}.content[${i}] needs file_data, file_url or file_id`,
          );
        out.push(
          compact({
            type: 'document',
            source,
            filename: str(part.filename),
            cacheControl: parseCacheControl(part.cache_control),
          }) as ContentPart,
        );
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

function parseFormat(text: unknown): ResponseFormat | undefined {
  const f = asRecord(asRecord(text).format);
  if (f.type === 'json_object') return { type: 'json_object' };
  if (f.type === 'json_schema') {
    return compact({
      type: 'json_schema' as const,
      name: str(f.name),
      description: str(f.description),
      schema: asRecord(f.schema),
      strict: typeof f.strict === 'boolean' ? f.strict : undefined,
    });
  }
  return undefined;
}

export function responsesToCanonical(raw: unknown): CanonicalRequest {
  const body = requireRecord(raw, 'request body');
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) {
    throw new InvalidRequestError(
      'previous_response_id must be resolved before conversion: replay the stored conversation into `input` first',
      'previous_response_id',
    );
  }
  if (body.conversation !== undefined && body.conversation !== null) {
    throw new InvalidRequestError(
      'conversation is not supported: chain turns with previous_response_id, or send the whole conversation in `input`.',
      'conversation',
    );
  }
  if (body.input === undefined) throw new InvalidRequestError('input is required', 'input');
  const unsupported = Object.keys(body).filter((k) => !RESPONSES_KNOWN_PARAMS.has(k));
  const system: TextPart[] = str(body.instructions)
    ? [{ type: 'text', text: str(body.instructions) ?? '' }]
    : [];
  const messages: CanonicalMessage[] = [];
  const namesById = new Map<string, string>();
  const push = (role: CanonicalMessage['role'], parts: ContentPart[], merge: boolean): void => {
    const last = messages[messages.length - 1];
    if (merge && last && last.role === role) last.content.push(...parts);
    else messages.push({ role, content: parts });
  };
  const items =
    typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : asArray(body.input);
  items.forEach((it, i) => {
    const where = `input[${i}]`;
    const item = requireRecord(it, where);
    const type = str(item.type) ?? 'message';
    switch (type) {
      case 'message': {
        const role = item.role;
        const cc = parseCacheControl(item.cache_control);
        const last = (parts: ContentPart[]): ContentPart[] => {
          const p = parts[parts.length - 1];
          if (cc && p && p.type !== 'thinking' && !p.cacheControl) p.cacheControl = cc;
          return parts;
        };
        if (role === 'system' || role === 'developer') {
          const parts = last(contentParts(item.content, where));
          if (messages.length === 0)
            system.push(...parts.filter((p): p is TextPart => p.type === 'text'));
          else push('system', parts, false);
        } else if (role === 'user' || role === 'assistant') {
          push(role, last(contentParts(item.content, where)), role === 'assistant');
        } else {
          throw new InvalidRequestError(`${where}.role "${String(role)}" is not supported`);
        }
        return;
      }
      case 'function_call': {
        const id = str(item.call_id) ?? '';
        namesById.set(id, str(item.name) ?? '');
        push(
          'assistant',
          [
            compact({
              type: 'tool_call' as const,
              id,
              name: str(item.name) ?? '',
              arguments: str(item.arguments) ?? '',
              cacheControl: parseCacheControl(item.cache_control),
            }),
          ],
          true,
        );
        return;
      }
      case 'function_call_output': {
        const id = str(item.call_id) ?? '';
        const output =
          typeof item.output === 'string' ? item.output : JSON.stringify(item.output ?? '');
        const part: ContentPart = compact({
          type: 'tool_result' as const,
          callId: id,
          name: namesById.get(id),
          content: output === '' ? [] : [{ type: 'text' as const, text: output }],
          cacheControl: parseCacheControl(item.cache_control),
        });
        const last = messages[messages.length - 1];
        if (last && last.role === 'user' && last.content.every((p) => p.type === 'tool_result'))
          last.content.push(part);
        else messages.push({ role: 'user', content: [part] });
        return;
      }
      case 'reasoning': {
        const text = asArray(item.summary)
          .map((s) => str(asRecord(s).text) ?? '')
          .join('\n');
        const enc = str(item.encrypted_content);
        const decoded = enc ? decodeReasoningCarrier(enc, 'openai') : undefined;
        if (decoded && 'redactedData' in decoded) {
          push(
            'assistant',
            [
              {
                type: 'thinking',
                text: '',
                redactedData: decoded.redactedData,
                origin: 'anthropic',
              },
            ],
            true,
          );
          return;
        }
        push(
          'assistant',
          [
            compact({
              type: 'thinking',
              text,
              signature: decoded?.signature,
              origin: decoded?.origin ?? 'openai',
            }) as ContentPart,
          ],
          true,
        );
        return;
      }
      default:
        throw new InvalidRequestError(`${where}.type "${type}" is not supported by the gateway`);
    }
  });
  const tools: CanonicalTool[] = [];
  asArray(body.tools).forEach((t, i) => {
    const tool = requireRecord(t, `tools[${i}]`);
    if (tool.type !== 'function') {
      unsupported.push(`tools[${i}].type=${String(tool.type)}`);
      return;
    }
    tools.push(
      compact({
        name: str(tool.name) ?? '',
        description: str(tool.description),
        parameters: isRecord(tool.parameters)
          ? tool.parameters
          : { type: 'object', properties: {} },
        strict: typeof tool.strict === 'boolean' ? tool.strict : undefined,
        cacheControl: parseCacheControl(tool.cache_control),
      }),
    );
  });
  const reasoning = asRecord(body.reasoning);
  const effort = parseEffort(reasoning.effort);
  const req: CanonicalRequest = {
    sourceFormat: 'openai-responses',
    model: str(body.model) ?? '',
    system,
    messages,
    tools,
    toolChoice: parseOpenAIToolChoice(body.tool_choice) as CanonicalToolChoice | undefined,
    parallelToolCalls:
      typeof body.parallel_tool_calls === 'boolean' ? body.parallel_tool_calls : undefined,
    maxTokens: num(body.max_output_tokens),
    temperature: num(body.temperature),
    topP: num(body.top_p),
    user: str(body.safety_identifier) ?? str(body.user),
    metadata: isRecord(body.metadata) ? (body.metadata as Record<string, string>) : undefined,
    responseFormat: parseFormat(body.text),
    reasoning: effort
      ? { effort, includeThoughts: reasoning.summary !== undefined && reasoning.summary !== null }
      : undefined,
    logprobs:
      num(body.top_logprobs) !== undefined
        ? { enabled: true, top: num(body.top_logprobs) }
        : undefined,
    stream: body.stream === true,
    unsupportedParams: unsupported,
  };
  if (req.stream) req.includeUsage = true;
  return compact(req as unknown as Json) as unknown as CanonicalRequest;
}

function inputParts(parts: ContentPart[], dropped: DroppedParams): Json[] {
  const out: Json[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'text':
        out.push({ type: 'input_text', text: p.text });
        break;
      case 'image':
        if (p.source.kind === 'file_id')
          out.push({ type: 'input_image', file_id: p.source.fileId });
        else
          out.push(
            compact({
              type: 'input_image',
              image_url: sourceToUrl(p.source),
              detail: p.detail ?? 'auto',
            }),
          );
        break;
      case 'document':
        if (p.source.kind === 'file_id') out.push({ type: 'input_file', file_id: p.source.fileId });
        else if (p.source.kind === 'url') out.push({ type: 'input_file', file_url: p.source.url });
        else
          out.push({
            type: 'input_file',
            file_data: toDataUrl(p.source.mimeType, p.source.data),
            filename: p.filename ?? p.title ?? 'document.pdf',
          });
        break;
      case 'thinking':
      case 'tool_call':
      case 'tool_result':
        dropped.raw(`input.${p.type}`);
        break;
    }
  }
  return out;
}

export function canonicalToResponses(
  req: CanonicalRequest,
  ctx: ConvertContext,
  clientParams: ParamNames,
): FromCanonicalRequestResult {
  const dropped = new DroppedParams(req, clientParams);
  const names = new ToolNameMapper(RESPONSES_TOOL_NAMES);
  // Only Anthropic has per-block cache breakpoints (OpenAI caches automatically, Gemini by resource).
  if (hasCacheControl(req)) dropped.raw('cache_control');
  const input: Json[] = [];
  for (const m of req.messages) {
    if (m.role === 'assistant') {
      let text = '';
      const flush = (): void => {
        if (text !== '')
          input.push({
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text }],
          });
        text = '';
      };
      for (const p of m.content) {
        if (p.type === 'text') text += p.text;
        else if (p.type === 'tool_call') {
          flush();
          input.push({
            type: 'function_call',
            call_id: sanitizeToolCallId(p.id),
            name: names.name(p.name),
            arguments: p.arguments || '{}',
          });
        }
        // Reasoning from another provider cannot be replayed to OpenAI (its signatures are foreign).
      }
      flush();
      continue;
    }
    const results = m.content.filter((p) => p.type === 'tool_result');
    for (const r of results) {
      const text = r.content
        .filter((c): c is TextPart => c.type === 'text')
        .map((c) => c.text)
        .join('\n');
      input.push({
        type: 'function_call_output',
        call_id: sanitizeToolCallId(r.callId),
        output: r.isError ? `Error: ${text}` : text,
      });
    }
    const rest = m.content.filter((p) => p.type !== 'tool_result');
    if (rest.length > 0)
      input.push({
        type: 'message',
        role: m.role === 'system' ? 'developer' : 'user',
        content: inputParts(rest, dropped),
      });
  }
  const body: Json = { model: ctx.upstreamModel, input, store: false };
  const instructions = req.system.map((p) => p.text).join('\n\n');
  if (instructions) body.instructions = instructions;
  if (req.tools.length > 0) {
    body.tools = req.tools.map((t) =>
      compact({
        type: 'function',
        name: names.name(t.name),
        description: t.description,
        parameters: t.parameters,
        strict: t.strict ?? false,
      }),
    );
  }
  const c = req.toolChoice;
  if (c) {
    switch (c.type) {
      case 'auto':
      case 'none':
        body.tool_choice = c.type;
        break;
      case 'required':
        body.tool_choice = c.allowed?.length
          ? {
              type: 'allowed_tools',
              mode: 'required',
              tools: c.allowed.map((n) => ({ type: 'function', name: names.name(n) })),
            }
          : 'required';
        break;
      case 'tool':
        body.tool_choice = { type: 'function', name: names.name(c.name) };
        break;
    }
  }
  if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  if (req.maxTokens !== undefined) body.max_output_tokens = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = clamp(req.temperature, 0, 2);
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.user !== undefined) body.safety_identifier = req.user;
  if (req.metadata) body.metadata = req.metadata;
  if (req.logprobs?.top !== undefined) body.top_logprobs = req.logprobs.top;
  for (const p of ['topK', 'stop', 'seed', 'presencePenalty', 'frequencyPenalty'] as const)
    dropped.dropIfSet(p);
  if (req.n !== undefined && req.n !== 1) dropped.drop('n');
  const f = req.responseFormat;
  if (f?.type === 'json_object') body.text = { format: { type: 'json_object' } };
  if (f?.type === 'json_schema')
    body.text = {
      format: compact({
        type: 'json_schema',
        name: f.name ?? 'response',
        description: f.description,
        schema: f.schema,
        strict: f.strict,
      }),
    };
  const effort = reasoningEffort(req.reasoning);
  if (effort !== undefined)
    body.reasoning = compact({
      effort,
      summary: req.reasoning?.includeThoughts && effort !== 'none' ? 'auto' : undefined,
    });
  if (req.stream) body.stream = true;
  return { body, droppedParams: dropped.list(), toolNameMap: names.map };
}
