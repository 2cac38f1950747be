// Public API of @gateway/converters: pure conversion between OpenAI Chat, Anthropic Messages, Gemini
// generateContent and OpenAI Responses, through one canonical representation. Each format lives in its
// own folder and exports one codec (see codec.ts); CODECS below is the only list of formats.
import { anthropicCodec } from './anthropic/codec';
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
import type { CodecTable, WireCodec } from './codec';
import { geminiCodec } from './gemini/codec';
import { openAIChatCodec } from './openai-chat/codec';
import { responsesCodec } from './openai-responses/codec';
import { toolNameUnder } from './shared/ids';

export type {
  CanonicalChoice,
  CanonicalError,
  CanonicalFinishReason,
  CanonicalMessage,
  CanonicalParam,
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
export type {
  BodyCodec,
  CodecTable,
  ErrorCodec,
  ParamNames,
  RequestCodec,
  ResponseCodec,
  StreamCodec,
  UsageCodec,
  WireCodec,
} from './codec';
export type { ToolNameRule } from './shared/ids';
export { InvalidRequestError, UpstreamAnswerError } from './canonical/errors';
export type {
  CanonicalEmbeddingRequest,
  CanonicalEmbeddingResponse,
  EmbeddingEncoding,
  EmbeddingUpstreamBody,
} from './embeddings/types';
export {
  openAIEmbeddingsFromCanonical,
  openAIEmbeddingsResponseFromCanonical,
  openAIEmbeddingsResponseToCanonical,
  openAIEmbeddingsToCanonical,
  openAIEmbeddingsUsage,
} from './embeddings/openai';
export {
  geminiEmbeddingsFromCanonical,
  geminiEmbeddingsResponseFromCanonical,
  geminiEmbeddingsResponseToCanonical,
  geminiEmbeddingsToCanonical,
  type GeminiEmbedMethod,
} from './embeddings/gemini';
export { vectorFromBase64, vectorToBase64 } from './embeddings/vectors';
export { completionsToChat, type CompletionsAsChat } from './completions/request';
export {
  canonicalToCompletionsResponse,
  CompletionsStreamEncoder,
  type CompletionsContext,
} from './completions/response';
export {
  rerankFromCanonical,
  rerankResponseFromCanonical,
  rerankResponseToCanonical,
  rerankToCanonical,
  type CanonicalRerankRequest,
  type CanonicalRerankResponse,
  type RerankShape,
} from './rerank/rerank';
export {
  googleImagesFromAnswer,
  imagesToGoogle,
  openAIImagesAnswer,
  readImagesRequest,
  type GoogleImageMethod,
  type GoogleImages,
  type ImagesRequest,
} from './images/images';
export { aggregateStreamEvents } from './canonical/aggregate';
export { sseFrame, SseParser } from './shared/sse';
export { cleanGeminiSchema, ensureObjectSchema } from './shared/schema';
export { sanitizeToolCallId } from './shared/ids';
export { decodeReasoningCarrier } from './shared/signatures';
export { emptyUsage } from './shared/usage';
export { openAIMaxTokensField } from './openai-chat/mappings';
export {
  validateAnthropicRequest,
  validateGeminiRequest,
  validateOpenAIChatRequest,
} from './testing/validators';

/**
 * Every wire format's codec. Typed as a mapped type over WireFormat: a format without an entry, or an
 * entry missing part of WireCodec, does not compile.
 */
export const CODECS: CodecTable = {
  'openai-chat': openAIChatCodec,
  'anthropic-messages': anthropicCodec,
  gemini: geminiCodec,
  'openai-responses': responsesCodec,
};

export const WIRE_FORMATS = Object.keys(CODECS) as readonly WireFormat[];

export function codecFor<F extends WireFormat>(format: F): WireCodec<F> {
  return CODECS[format] as WireCodec<F>;
}

/** Client body -> canonical. Throws InvalidRequestError (400) with a clear message on bad input. */
export function toCanonicalRequest(format: WireFormat, body: unknown): CanonicalRequest {
  return CODECS[format].request.toCanonical(body);
}

/** Canonical -> upstream body, the client params the target cannot honour, and the tool-name map. */
export function fromCanonicalRequest(
  format: WireFormat,
  req: CanonicalRequest,
  ctx: ConvertContext,
): FromCanonicalRequestResult {
  return CODECS[format].request.fromCanonical(req, ctx, CODECS[req.sourceFormat].body.params);
}

export function toCanonicalResponse(format: WireFormat, body: unknown): CanonicalResponse {
  return CODECS[format].response.toCanonical(body);
}

export function fromCanonicalResponse(
  format: WireFormat,
  res: CanonicalResponse,
  ctx: ConvertContext,
): Record<string, unknown> {
  return CODECS[format].response.fromCanonical(res, ctx);
}

/** Incremental decoder of an upstream SSE body; feed raw text split anywhere. One instance per request. */
export function createStreamDecoder(upstream: WireFormat): StreamDecoder {
  return CODECS[upstream].stream.decoder();
}

/** Incremental encoder to the client's SSE framing. One instance per request. */
export function createStreamEncoder(client: WireFormat, ctx: StreamEncoderOptions): StreamEncoder {
  return CODECS[client].stream.encoder(ctx);
}

/** Upstream error (status + body object or text) -> canonical. The caller keeps retry-after itself. */
export function toCanonicalError(
  format: WireFormat,
  status: number,
  body: unknown,
): CanonicalError {
  return CODECS[format].errors.toCanonical(status, body);
}

/** Canonical error -> status and body in the client's format (529 <-> 503, 429 kept). */
export function fromCanonicalError(
  format: WireFormat,
  err: CanonicalError,
): { status: number; body: Record<string, unknown> } {
  return CODECS[format].errors.fromCanonical(err);
}

/** A mid-stream error framed the way the client's SDK reads it (Gemini: a data: event holding the error object). */
export function encodeStreamError(client: WireFormat, err: CanonicalError): string {
  return CODECS[client].errors.encodeStream(err);
}

/** A tool name `format` accepts: unchanged when already valid, else sanitised, shortened and hashed. */
export function toolNameFor(format: WireFormat, name: string): string {
  return toolNameUnder(CODECS[format].toolNames, name);
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
