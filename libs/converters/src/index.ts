// Public API of @gateway/converters: pure conversion between OpenAI Chat, Anthropic Messages, Gemini
// generateContent and OpenAI Responses, through one canonical representation.
import type {
  CanonicalError,
  CanonicalRequest,
  CanonicalResponse,
  ConvertContext,
  FromCanonicalRequestResult,
  StreamDecoder,
  StreamEncoder,
  StreamEncoderOptions,
  WireFormat,
} from './canonical/types';
import { anthropicToCanonical, canonicalToAnthropic } from './anthropic/request';
import { anthropicResponseToCanonical, canonicalToAnthropicResponse } from './anthropic/response';
import { AnthropicStreamDecoder, AnthropicStreamEncoder } from './anthropic/stream';
import { encodeStreamErrorFor, fromCanonicalErrorFor, toCanonicalErrorFromBody } from './errors';
import { canonicalToGemini, geminiToCanonical } from './gemini/request';
import { canonicalToGeminiResponse, geminiResponseToCanonical } from './gemini/response';
import { GeminiStreamDecoder, GeminiStreamEncoder } from './gemini/stream';
import { canonicalToOpenAIChat, openAIChatToCanonical } from './openai-chat/request';
import {
  canonicalToOpenAIChatResponse,
  openAIChatResponseToCanonical,
} from './openai-chat/response';
import { OpenAIChatStreamDecoder, OpenAIChatStreamEncoder } from './openai-chat/stream';
import { canonicalToResponses, responsesToCanonical } from './openai-responses/request';
import {
  canonicalToResponsesResponse,
  responsesResponseToCanonical,
} from './openai-responses/response';
import { ResponsesStreamDecoder, ResponsesStreamEncoder } from './openai-responses/stream';
import { isRecord } from './shared/json';

export type {
  CanonicalChoice,
  CanonicalError,
  CanonicalFinishReason,
  CanonicalMessage,
  CanonicalReasoning,
  CanonicalRequest,
  CanonicalResponse,
  CanonicalStreamEvent,
  CanonicalTool,
  CanonicalToolChoice,
  CanonicalUsage,
  ContentPart,
  ConvertContext,
  ErrorKind,
  FromCanonicalRequestResult,
  StreamDecoder,
  StreamEncoder,
  StreamEncoderOptions,
  WireFormat,
} from './canonical/types';
export { InvalidRequestError } from './canonical/errors';
export { aggregateStreamEvents } from './canonical/aggregate';
export { sseFrame, SseParser } from './shared/sse';
export { cleanGeminiSchema, ensureObjectSchema } from './shared/schema';
export { sanitizeToolCallId, toolNameFor } from './shared/ids';
export { openAIMaxTokensField } from './openai-chat/mappings';
export {
  validateAnthropicRequest,
  validateGeminiRequest,
  validateOpenAIChatRequest,
} from './testing/validators';

export const WIRE_FORMATS: readonly WireFormat[] = [
  'openai-chat',
  'anthropic-messages',
  'gemini',
  'openai-responses',
];

/** Client body -> canonical. Throws InvalidRequestError (400) with a clear message on bad input. */
export function toCanonicalRequest(format: WireFormat, body: unknown): CanonicalRequest {
  switch (format) {
    case 'openai-chat':
      return openAIChatToCanonical(body);
    case 'anthropic-messages':
      return anthropicToCanonical(body);
    case 'gemini':
      return geminiToCanonical(body);
    case 'openai-responses':
      return responsesToCanonical(body);
  }
}

/** Canonical -> upstream body, the client params the target cannot honour, and the tool-name map. */
export function fromCanonicalRequest(
  format: WireFormat,
  req: CanonicalRequest,
  ctx: ConvertContext,
): FromCanonicalRequestResult {
  switch (format) {
    case 'openai-chat':
      return canonicalToOpenAIChat(req, ctx);
    case 'anthropic-messages':
      return canonicalToAnthropic(req, ctx);
    case 'gemini':
      return canonicalToGemini(req, ctx);
    case 'openai-responses':
      return canonicalToResponses(req, ctx);
  }
}

export function toCanonicalResponse(format: WireFormat, body: unknown): CanonicalResponse {
  switch (format) {
    case 'openai-chat':
      return openAIChatResponseToCanonical(body);
    case 'anthropic-messages':
      return anthropicResponseToCanonical(body);
    case 'gemini':
      return geminiResponseToCanonical(body);
    case 'openai-responses':
      return responsesResponseToCanonical(body);
  }
}

export function fromCanonicalResponse(
  format: WireFormat,
  res: CanonicalResponse,
  ctx: ConvertContext,
): Record<string, unknown> {
  switch (format) {
    case 'openai-chat':
      return canonicalToOpenAIChatResponse(res, ctx);
    case 'anthropic-messages':
      return canonicalToAnthropicResponse(res, ctx);
    case 'gemini':
      return canonicalToGeminiResponse(res, ctx);
    case 'openai-responses':
      return canonicalToResponsesResponse(res, ctx);
  }
}

/** Incremental decoder of an upstream SSE body; feed raw text split anywhere. One instance per request. */
export function createStreamDecoder(upstream: WireFormat): StreamDecoder {
  switch (upstream) {
    case 'openai-chat':
      return new OpenAIChatStreamDecoder();
    case 'anthropic-messages':
      return new AnthropicStreamDecoder();
    case 'gemini':
      return new GeminiStreamDecoder();
    case 'openai-responses':
      return new ResponsesStreamDecoder();
  }
}

/** Incremental encoder to the client's SSE framing. One instance per request. */
export function createStreamEncoder(client: WireFormat, ctx: StreamEncoderOptions): StreamEncoder {
  switch (client) {
    case 'openai-chat':
      return new OpenAIChatStreamEncoder(ctx);
    case 'anthropic-messages':
      return new AnthropicStreamEncoder(ctx);
    case 'gemini':
      return new GeminiStreamEncoder(ctx);
    case 'openai-responses':
      return new ResponsesStreamEncoder(ctx);
  }
}

/** Upstream error (status + body object or text) -> canonical. The caller keeps retry-after itself. */
export function toCanonicalError(
  format: WireFormat,
  status: number,
  body: unknown,
): CanonicalError {
  return toCanonicalErrorFromBody(format, status, body);
}

/** Canonical error -> status and body in the client's format (529 <-> 503, 429 kept). */
export function fromCanonicalError(
  format: WireFormat,
  err: CanonicalError,
): { status: number; body: Record<string, unknown> } {
  return fromCanonicalErrorFor(format, err);
}

/** A mid-stream error framed the way the client's SDK reads it (Gemini: a data: event holding the error object). */
export function encodeStreamError(client: WireFormat, err: CanonicalError): string {
  return encodeStreamErrorFor(client, err);
}

/**
 * Upstream path for a format: relative to an OpenAI base that already includes /v1, absolute from the
 * host for Anthropic and Gemini.
 */
export function upstreamPath(format: WireFormat, opts: { stream: boolean; model: string }): string {
  switch (format) {
    case 'openai-chat':
      return 'chat/completions';
    case 'openai-responses':
      return 'responses';
    case 'anthropic-messages':
      return '/v1/messages';
    case 'gemini':
      return `/v1beta/models/${encodeURIComponent(opts.model.replace(/^models\//, ''))}:${opts.stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
  }
}

/** For same-format pass-through: a shallow copy of the body with the upstream model (Gemini: unchanged). */
export function patchModel(
  format: WireFormat,
  body: unknown,
  upstreamModel: string,
): Record<string, unknown> {
  const b = isRecord(body) ? body : {};
  if (format === 'gemini') return { ...b };
  return { ...b, model: upstreamModel };
}

/**
 * Rough prompt size (4 characters per token) for Anthropic clients' message_start when the upstream
 * reports input tokens only at the end. Not for billing: the final usage is authoritative.
 */
export function estimateInputTokens(req: CanonicalRequest): number {
  let chars = req.system.reduce((n, p) => n + p.text.length, 0);
  for (const m of req.messages) {
    for (const p of m.content) {
      switch (p.type) {
        case 'text':
        case 'thinking':
          chars += p.text.length;
          break;
        case 'tool_call':
          chars += p.name.length + p.arguments.length;
          break;
        case 'tool_result':
          for (const c of p.content) chars += c.type === 'text' ? c.text.length : 1000;
          break;
        case 'image':
        case 'document':
          // Providers bill images and pages at roughly a thousand tokens or more.
          chars += 4000;
          break;
      }
    }
  }
  for (const t of req.tools)
    chars += t.name.length + (t.description?.length ?? 0) + JSON.stringify(t.parameters).length;
  return Math.ceil(chars / 4);
}

/** Stream content type the client expects. */
export function streamContentType(_client: WireFormat): string {
  return 'text/event-stream';
}
