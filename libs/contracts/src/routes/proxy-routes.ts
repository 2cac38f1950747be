import { z } from 'zod';
import {
  AnthropicCountTokensRequest,
  AnthropicMessage,
  AnthropicMessagesRequest,
  AnthropicModelList,
  AnthropicStreamEvent,
  AnthropicTokenCount,
} from '../wire/anthropic';
import {
  GeminiCountTokensRequest,
  GeminiGenerateContentRequest,
  GeminiGenerateContentResponse,
  GeminiModelList,
  GeminiTokenCount,
} from '../wire/gemini';
import {
  OpenAIChatCompletion,
  OpenAIChatCompletionChunk,
  OpenAIChatRequest,
  OpenAIModelList,
  OpenAIResponse,
  OpenAIResponseDeleted,
  OpenAIResponseItemList,
  OpenAIResponseItemsQuery,
  OpenAIResponsesRequest,
  OpenAIResponseStreamEvent,
} from '../wire/openai';
import { JsonRpcError, JsonRpcMessage, JsonRpcResult } from '../mcp';
import type { RouteSpec } from './route-spec';

/** Which answers of a proxy route carry a header. */
export type HeaderAnswer =
  | 'ok' // a successful answer
  | 'error' // every error the gateway renders itself
  | 'limited' // a 429 for a key over a limit or budget
  | 'upstream'; // an upstream's own error, passed on

const OK = ['ok'] as const;
const LIMITS = ['ok', 'limited'] as const;

/**
 * Response headers the gateway adds to proxied answers, and on which answers. Every header the CORS
 * layer exposes to browser scripts is described here (a test checks it).
 */
export const GATEWAY_RESPONSE_HEADERS = {
  'x-gateway-request-id': {
    description:
      "The request's id (a valid client `x-request-id`, else generated): find it with `GET /analytics/gateway/{id}/logs/{requestId}`.",
    on: ['ok', 'error', 'limited', 'upstream'],
  },
  'x-gateway-provider': { description: 'The provider that answered.', on: ['ok', 'upstream'] },
  'x-gateway-model': {
    description: 'The upstream model id that answered (printable ASCII, at most 512 characters).',
    on: ['ok', 'upstream'],
  },
  'x-gateway-attempts': {
    description: 'Upstream attempts made, fallbacks and retries included.',
    on: ['ok', 'upstream'],
  },
  'x-gateway-overhead-ms': {
    description: "The gateway's own processing time in milliseconds.",
    on: OK,
  },
  'x-gateway-breaker': {
    description:
      "`open-bypassed` when every candidate's circuit breaker was open and this provider was tried anyway.",
    on: OK,
  },
  'x-gateway-dropped-params': {
    description:
      'Parameters the target cannot honour, dropped (comma-separated, then `(+N more)`).',
    on: OK,
  },
  'x-gateway-token-count': {
    description: '`estimate` when a token count was estimated locally instead of asked upstream.',
    on: OK,
  },
  'x-ratelimit-limit-requests': {
    description: 'The request limit that was hit, else the tightest (key, end user or gateway).',
    on: LIMITS,
  },
  'x-ratelimit-remaining-requests': { description: 'Requests left in the window.', on: LIMITS },
  'x-ratelimit-reset-requests': {
    description: 'Time until the window resets (`12s`).',
    on: LIMITS,
  },
  'x-ratelimit-limit-tokens': {
    description: 'The token limit that was hit, else the tightest `tpm`.',
    on: LIMITS,
  },
  'x-ratelimit-remaining-tokens': { description: 'Tokens left in the window.', on: LIMITS },
  'x-ratelimit-reset-tokens': { description: 'Time until the window resets.', on: LIMITS },
  'x-ratelimit-limit-usd': {
    description: 'The budget in USD that was hit, else the tightest (day before month).',
    on: LIMITS,
  },
  'x-ratelimit-remaining-usd': { description: 'Budget left in USD.', on: LIMITS },
  'x-ratelimit-reset-usd': { description: 'Time until the budget resets.', on: LIMITS },
  'retry-after': {
    description: 'Seconds to wait before trying again.',
    on: ['limited', 'upstream'],
  },
  'x-request-id': { description: "The upstream's request id, passed on.", on: ['ok', 'upstream'] },
} as const satisfies Record<string, { description: string; on: readonly HeaderAnswer[] }>;

/** Request headers every proxy route reads. */
export const PROXY_REQUEST_HEADERS = {
  'x-request-id':
    'Your id for this request (printable, at most 128 characters): it becomes the request id.',
  traceparent: 'W3C trace context: the span of this request joins your trace, and it is forwarded.',
  'x-gateway-end-user':
    "The end user this request is for (ahead of the body's `user` / `metadata.user_id`): the gateway's end user limits apply to it.",
  'x-gateway-strategy':
    "Override the gateway's routing strategy for this request (`priority`, `round_robin`, `least_latency`, `health_first`).",
  'x-gateway-debug':
    '`wire`: keep what the gateway sends upstream and the raw answer for 5 minutes, readable at `GET /gateway/{id}/wire/{requestId}` (gateway secret only; ignored for keys).',
} as const;

const GENERATION_ERRORS = [403, 404, 413, 429, 502, 504] as const;
const SSE = 'text/event-stream';
const RESPONSE_ID = { id: 'response id (`resp_…`), of a response stored by this gateway' } as const;

const OPENAI_DOCS = 'https://platform.openai.com/docs/api-reference';
const ANTHROPIC_DOCS = 'https://docs.anthropic.com/en/api';
const GEMINI_DOCS = 'https://ai.google.dev/api';

const chatCompletions = {
  summary: 'Chat completion (OpenAI format), any model',
  description:
    'Routes the model to its provider (converting formats as needed) with fallbacks, limits and analytics.',
  tag: 'OpenAI',
  auth: 'gateway',
  family: 'openai',
  body: OpenAIChatRequest,
  ok: { status: 200, description: 'The completion.', schema: OpenAIChatCompletion },
  stream: {
    media: SSE,
    schema: OpenAIChatCompletionChunk,
    description: 'With `stream: true`: chunks as `data:` events, then `data: [DONE]`.',
  },
  errors: GENERATION_ERRORS,
  externalDocs: {
    url: `${OPENAI_DOCS}/chat/create`,
    description: 'OpenAI: create chat completion',
  },
} as const;

/** The client-facing endpoints of the three wire formats, answered by the proxy in front of Fastify. */
export const PROXY_ROUTES = {
  'POST /v1/chat/completions': { ...chatCompletions, operationId: 'createChatCompletion' },
  'POST /chat/completions': {
    ...chatCompletions,
    operationId: 'createChatCompletionLegacyPath',
    summary: 'Chat completion at the seed path (same as /v1/chat/completions)',
  },
  'POST /v1/responses': {
    operationId: 'createResponse',
    summary: 'Response (OpenAI Responses format), any model',
    description:
      'Answers are stored per gateway (unless `store: false`) for `responses_retention_days`, so `previous_response_id` continues a conversation on any upstream.',
    tag: 'OpenAI',
    auth: 'gateway',
    family: 'openai',
    body: OpenAIResponsesRequest,
    ok: { status: 200, description: 'The response.', schema: OpenAIResponse },
    stream: {
      media: SSE,
      schema: OpenAIResponseStreamEvent,
      description: 'With `stream: true`: typed events, ending with `response.completed`.',
    },
    errors: GENERATION_ERRORS,
    externalDocs: {
      url: `${OPENAI_DOCS}/responses/create`,
      description: 'OpenAI: create response',
    },
  },
  'GET /v1/responses/{id}': {
    operationId: 'getResponse',
    summary: 'A stored response',
    tag: 'OpenAI',
    auth: 'gateway',
    family: 'openai',
    params: RESPONSE_ID,
    ok: { status: 200, description: 'The response as it was answered.', schema: OpenAIResponse },
    errors: [400],
    externalDocs: { url: `${OPENAI_DOCS}/responses/get`, description: 'OpenAI: get response' },
  },
  'DELETE /v1/responses/{id}': {
    operationId: 'deleteResponse',
    summary: 'Delete a stored response',
    tag: 'OpenAI',
    auth: 'gateway',
    family: 'openai',
    params: RESPONSE_ID,
    ok: { status: 200, description: 'Deleted.', schema: OpenAIResponseDeleted },
    externalDocs: {
      url: `${OPENAI_DOCS}/responses/delete`,
      description: 'OpenAI: delete response',
    },
  },
  'GET /v1/responses/{id}/input_items': {
    operationId: 'listResponseInputItems',
    summary: 'The items (earlier turns included) that produced a stored response',
    tag: 'OpenAI',
    auth: 'gateway',
    family: 'openai',
    params: RESPONSE_ID,
    query: OpenAIResponseItemsQuery,
    ok: { status: 200, description: 'A page of items.', schema: OpenAIResponseItemList },
    externalDocs: {
      url: `${OPENAI_DOCS}/responses/input-items`,
      description: 'OpenAI: list input items',
    },
  },
  'GET /v1/models': {
    operationId: 'listModels',
    summary: 'Models this gateway can route (OpenAI format, or Anthropic with `anthropic-version`)',
    tag: 'OpenAI',
    auth: 'gateway',
    family: 'openai',
    headers: { 'anthropic-version': 'When present, the list comes in Anthropic format.' },
    ok: {
      status: 200,
      description: 'The models.',
      schema: z.union([OpenAIModelList, AnthropicModelList]),
    },
    errors: [403, 429],
    externalDocs: { url: `${OPENAI_DOCS}/models/list`, description: 'OpenAI: list models' },
  },
  'POST /v1/messages': {
    operationId: 'createMessage',
    summary: 'Message (Anthropic format), any model',
    tag: 'Anthropic',
    auth: 'gateway',
    family: 'anthropic',
    headers: { 'anthropic-version': 'Sent by the Anthropic SDKs; accepted, not required.' },
    body: AnthropicMessagesRequest,
    ok: { status: 200, description: 'The message.', schema: AnthropicMessage },
    stream: {
      media: SSE,
      schema: AnthropicStreamEvent,
      description: 'With `stream: true`: named events from `message_start` to `message_stop`.',
    },
    errors: [...GENERATION_ERRORS, 529],
    externalDocs: { url: `${ANTHROPIC_DOCS}/messages`, description: 'Anthropic: messages' },
  },
  'POST /v1/messages/count_tokens': {
    operationId: 'countMessageTokens',
    summary: 'Count input tokens (Anthropic format), any model',
    description:
      'Asked of the planned provider when it speaks this format, else estimated (`x-gateway-token-count: estimate`). Recorded with 0 tokens, not charged to limits.',
    tag: 'Anthropic',
    auth: 'gateway',
    family: 'anthropic',
    body: AnthropicCountTokensRequest,
    ok: { status: 200, description: 'The count.', schema: AnthropicTokenCount },
    errors: [...GENERATION_ERRORS, 529],
    externalDocs: {
      url: `${ANTHROPIC_DOCS}/messages-count-tokens`,
      description: 'Anthropic: count message tokens',
    },
  },
  'POST /v1beta/models/{model}:generateContent': {
    operationId: 'generateContent',
    summary: 'Generate content (Gemini format), any model',
    tag: 'Gemini',
    auth: 'gateway',
    family: 'gemini',
    body: GeminiGenerateContentRequest,
    ok: { status: 200, description: 'The answer.', schema: GeminiGenerateContentResponse },
    errors: GENERATION_ERRORS,
    externalDocs: {
      url: `${GEMINI_DOCS}/generate-content#method:-models.generatecontent`,
      description: 'Gemini: generateContent',
    },
  },
  'POST /v1beta/models/{model}:streamGenerateContent': {
    operationId: 'streamGenerateContent',
    summary: 'Generate content as a stream (Gemini format), any model',
    tag: 'Gemini',
    auth: 'gateway',
    family: 'gemini',
    query: z.object({
      alt: z
        .literal('sse')
        .optional()
        .describe(
          '`sse`: server-sent events (what the SDKs ask for); without it, a streamed JSON array',
        ),
    }),
    body: GeminiGenerateContentRequest,
    ok: {
      status: 200,
      description: 'Without `alt=sse`: a JSON array streamed element by element.',
      schema: GeminiGenerateContentResponse.array(),
    },
    stream: {
      media: SSE,
      schema: GeminiGenerateContentResponse,
      description: 'With `alt=sse`: one `data:` event per partial answer.',
    },
    errors: GENERATION_ERRORS,
    externalDocs: {
      url: `${GEMINI_DOCS}/generate-content#method:-models.streamgeneratecontent`,
      description: 'Gemini: streamGenerateContent',
    },
  },
  'POST /v1beta/models/{model}:countTokens': {
    operationId: 'countTokens',
    summary: 'Count input tokens (Gemini format), any model',
    description:
      'Asked of the planned provider when it speaks this format, else estimated (`x-gateway-token-count: estimate`).',
    tag: 'Gemini',
    auth: 'gateway',
    family: 'gemini',
    body: GeminiCountTokensRequest,
    ok: { status: 200, description: 'The count.', schema: GeminiTokenCount },
    errors: GENERATION_ERRORS,
    externalDocs: { url: `${GEMINI_DOCS}/tokens`, description: 'Gemini: countTokens' },
  },
  'GET /v1beta/models': {
    operationId: 'listGeminiModels',
    summary: 'Models this gateway can route (Gemini format)',
    tag: 'Gemini',
    auth: 'gateway',
    family: 'gemini',
    ok: { status: 200, description: 'The models.', schema: GeminiModelList },
    errors: [403, 429],
    externalDocs: {
      url: `${GEMINI_DOCS}/models#method:-models.list`,
      description: 'Gemini: list models',
    },
  },
  'POST /mcp': {
    operationId: 'mcpMessage',
    summary: "The gateway's MCP endpoint (streamable HTTP, stateless): JSON-RPC messages",
    description:
      "An MCP client's `initialize`, `tools/list` and `tools/call`: every MCP server of the gateway offers its tools as `<server>__<tool>`, narrowed to the key's `allowed_tools`. A refused request (an unknown tool) is a JSON-RPC error in a 200 answer; a refused HTTP call is a JSON-RPC error with its 4xx status. Send `accept: application/json, text/event-stream` (406 otherwise).",
    tag: 'MCP',
    auth: 'gateway',
    family: 'mcp',
    body: JsonRpcMessage,
    ok: {
      status: 200,
      description: 'The JSON-RPC answer.',
      schema: z.union([JsonRpcResult, JsonRpcError]),
    },
    also: [{ status: 202, description: 'A notification, accepted (no body).' }],
    errors: [403, 406, 415],
    externalDocs: {
      url: 'https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#streamable-http',
      description: 'MCP: streamable HTTP transport',
    },
  },
  'GET /mcp': {
    operationId: 'mcpStream',
    summary: 'Not offered: the endpoint is stateless (405, as the MCP transport says)',
    tag: 'MCP',
    auth: 'none',
    ok: { status: 405, description: 'Only POST is served.', schema: JsonRpcError },
  },
  'DELETE /mcp': {
    operationId: 'mcpEndSession',
    summary: 'Not offered: there are no MCP sessions to end (405)',
    tag: 'MCP',
    auth: 'none',
    ok: { status: 405, description: 'Only POST is served.', schema: JsonRpcError },
  },
} as const satisfies Record<string, RouteSpec>;
