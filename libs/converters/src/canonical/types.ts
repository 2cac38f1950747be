// The internal representation every format converts to and from. It is richer than any one wire
// format (ordered parts per turn, signatures tagged with their origin, tool results as parts) so that
// Anthropic block order, Gemini part order and OpenAI's split text/tool_calls can all be rebuilt.

export type WireFormat = 'openai-chat' | 'anthropic-messages' | 'gemini' | 'openai-responses';

/** Which provider minted a reasoning signature; a signature is only ever replayed to its origin. */
export type SignatureOrigin = 'anthropic' | 'gemini' | 'openai';

export type MediaSource =
  | { kind: 'url'; url: string; mimeType?: string }
  | { kind: 'base64'; mimeType: string; data: string }
  | { kind: 'file_id'; fileId: string };

/**
 * An Anthropic prompt-cache breakpoint (`{ type: 'ephemeral', ttl? }`), kept as the client sent it. OpenAI
 * Chat/Responses clients put it on content parts, system parts, tool messages and tool definitions (the
 * LiteLLM / OpenRouter convention); only an Anthropic upstream receives it.
 */
export type CacheControl = Record<string, unknown>;

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
}
export interface ImagePart {
  type: 'image';
  source: MediaSource;
  detail?: string;
  cacheControl?: CacheControl;
}
export interface DocumentPart {
  type: 'document';
  source: MediaSource;
  filename?: string;
  title?: string;
  cacheControl?: CacheControl;
}
export interface ThinkingPart {
  type: 'thinking';
  text: string;
  signature?: string;
  /** Set for Anthropic `redacted_thinking` blocks (opaque data, no text). */
  redactedData?: string;
  origin?: SignatureOrigin;
}
export interface ToolCallPart {
  type: 'tool_call';
  /** Empty when the upstream gave none (Gemini); the encoder then mints a deterministic id. */
  id: string;
  name: string;
  /** JSON text; may be invalid JSON when an OpenAI client sent it so. */
  arguments: string;
  /** Gemini `thoughtSignature` carried on this functionCall part. */
  thoughtSignature?: string;
  cacheControl?: CacheControl;
}
export interface ToolResultPart {
  type: 'tool_result';
  callId: string;
  /** Function name, resolved from the matching call where the source format lacks it. */
  name?: string;
  content: Array<TextPart | ImagePart | DocumentPart>;
  isError?: boolean;
  cacheControl?: CacheControl;
}

export type ContentPart =
  TextPart | ImagePart | DocumentPart | ThinkingPart | ToolCallPart | ToolResultPart;

export interface CanonicalMessage {
  /** `system` only for system/developer messages that sit after the first non-system turn. */
  role: 'system' | 'user' | 'assistant';
  content: ContentPart[];
}

export interface CanonicalTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments (root object). */
  parameters: Record<string, unknown>;
  strict?: boolean;
  cacheControl?: CacheControl;
}

export type CanonicalToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required'; allowed?: string[] }
  | { type: 'tool'; name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name?: string;
      description?: string;
      schema: Record<string, unknown>;
      strict?: boolean;
    };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface CanonicalReasoning {
  effort?: ReasoningEffort;
  budgetTokens?: number;
  /** Ask the provider to return thought text/summaries. */
  includeThoughts?: boolean;
}

/** Canonical knobs whose source name differs per format; used to report dropped params. */
export type CanonicalParam =
  | 'maxTokens'
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'stop'
  | 'n'
  | 'seed'
  | 'user'
  | 'presencePenalty'
  | 'frequencyPenalty'
  | 'responseFormat'
  | 'reasoning'
  | 'toolChoice'
  | 'parallelToolCalls'
  | 'logprobs'
  | 'metadata';

export interface CanonicalRequest {
  sourceFormat: WireFormat;
  /** Empty for Gemini clients (the model is in the URL); the server sets it. */
  model: string;
  system: TextPart[];
  messages: CanonicalMessage[];
  tools: CanonicalTool[];
  toolChoice?: CanonicalToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  n?: number;
  seed?: number;
  user?: string;
  presencePenalty?: number;
  frequencyPenalty?: number;
  logprobs?: { enabled: boolean; top?: number };
  metadata?: Record<string, string>;
  responseFormat?: ResponseFormat;
  reasoning?: CanonicalReasoning;
  stream: boolean;
  includeUsage?: boolean;
  /** Client params that canonical cannot represent at all; always reported as dropped. */
  unsupportedParams: string[];
}

export type CanonicalFinishReason =
  | 'end_turn'
  | 'stop_sequence'
  | 'max_tokens'
  | 'tool_use'
  | 'content_filter'
  | 'pause_turn'
  | 'context_window_exceeded'
  | 'malformed_tool_call'
  | 'other';

export interface CanonicalUsage {
  /** Total prompt tokens including cache reads and writes (OpenAI semantics). */
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  /** Output tokens including reasoning. */
  outputTokens: number;
  reasoningTokens: number;
}

export interface CanonicalChoice {
  index: number;
  content: ContentPart[];
  finishReason: CanonicalFinishReason;
  stopSequence?: string;
}

export interface CanonicalResponse {
  id?: string;
  model?: string;
  choices: CanonicalChoice[];
  usage?: CanonicalUsage;
}

export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'request_too_large'
  | 'rate_limit'
  | 'billing'
  | 'api_error'
  | 'overloaded'
  | 'timeout'
  | 'unavailable';

export interface CanonicalError {
  status: number;
  kind: ErrorKind;
  message: string;
  code?: string;
  param?: string;
  retryAfter?: number;
}

export type CanonicalStreamEvent =
  | { type: 'start'; id?: string; model?: string; usage?: CanonicalUsage }
  | { type: 'text_delta'; text: string }
  | { type: 'thinking_delta'; text: string }
  | { type: 'thinking_signature'; signature: string; origin: SignatureOrigin }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_call_start'; index: number; id: string; name: string; thoughtSignature?: string }
  | { type: 'tool_call_delta'; index: number; arguments: string }
  | { type: 'usage'; usage: CanonicalUsage }
  | { type: 'finish'; reason: CanonicalFinishReason; stopSequence?: string }
  | { type: 'error'; error: CanonicalError };

export interface StreamDecoder {
  push(text: string): CanonicalStreamEvent[];
  end(): CanonicalStreamEvent[];
}

export interface StreamEncoder {
  push(ev: CanonicalStreamEvent): string;
  end(): string;
}

export interface ConvertContext {
  upstreamModel: string;
  requestedModel: string;
  maxOutputTokens?: number;
  id: string;
  created: number;
  /** Upstream tool name -> client tool name, as returned by fromCanonicalRequest. */
  toolNameMap?: Record<string, string>;
  /**
   * Provider id of the upstream (`openai`, `deepseek`, …), for per-provider wire details such as the
   * OpenAI-Chat output-limit field (`openAIMaxTokensField`). Optional: OpenAI's own rules without it.
   */
  upstreamProvider?: string;
}

/** Options of a stream encoder beyond the conversion context. */
export interface StreamEncoderOptions extends ConvertContext {
  /** OpenAI clients: send the final usage chunk (stream_options.include_usage). */
  includeUsage?: boolean;
  /**
   * Anthropic clients: input tokens to show in message_start when the upstream reports them only at the
   * end (Claude Code reads context usage from message_start); the real count follows in message_delta.
   */
  estimatedInputTokens?: number;
}

export interface FromCanonicalRequestResult {
  body: Record<string, unknown>;
  droppedParams: string[];
  /** Upstream tool name -> client tool name, for names that had to be rewritten. Pass back in ctx. */
  toolNameMap: Record<string, string>;
}
