// How each API family is reached: the paths after a provider's base URL, how the key travels and the
// headers every request carries. Data only; the app's upstream adapters build requests from it.
// OpenAI https://platform.openai.com/docs/api-reference · Anthropic https://docs.anthropic.com/en/api/messages
// Gemini https://ai.google.dev/api/generate-content · Azure https://learn.microsoft.com/azure/ai-services/openai/reference
// Cohere https://docs.cohere.com/reference/rerank · https://docs.cohere.com/docs/compatibility-api
import type { ApiFamily, AuthScheme, RerankFormat } from '../types';

/** The requests the gateway sends upstream, by job. */
export type FamilyEndpoint =
  | 'chat'
  | 'chatStream'
  | 'responses'
  | 'countTokens'
  | 'models'
  | 'embeddings'
  | 'embedContent'
  | 'completions'
  | 'images'
  | 'imageEdits'
  | 'imageVariations'
  | 'imagePredict'
  | 'speech'
  | 'transcriptions'
  | 'translations'
  | 'moderations'
  | 'rerank';

/** The wire format (a `WireFormat` of @gateway/converters) a family's chat endpoint speaks. */
export type FamilyWireFormat = 'openai-chat' | 'anthropic-messages' | 'gemini';

export interface FamilySpec {
  /** Format of `chat`; undefined when the gateway has no adapter for the family (not routable). */
  readonly wireFormat?: FamilyWireFormat;
  /**
   * Paths appended to the provider's base URL (in its SDK's meaning: OpenAI-style bases include `/v1`).
   * `{model}` is the upstream model id or Azure deployment, `{apiVersion}` Azure's api-version; both are
   * URL-encoded. `chatStream` defaults to `chat` (the body's `stream` flag decides).
   */
  readonly paths: Readonly<Partial<Record<FamilyEndpoint, string>>>;
  /** How the key travels, unless a provider names its own (`ProviderSpec.auth`). */
  readonly auth: AuthScheme;
  /** Headers every request carries; a client may override the ones the adapter forwards. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Client request headers passed on upstream (lower case), overriding `headers` of the same name. */
  readonly forwardHeaders?: readonly string[];
  /** The request and answer shape of `rerank`, unless a provider names its own. */
  readonly rerankFormat?: RerankFormat;
}

export const API_FAMILIES: { readonly [F in ApiFamily]: FamilySpec } = {
  openai: {
    wireFormat: 'openai-chat',
    // The non-chat endpoints are the OpenAI API's; an OpenAI-compatible provider serves the ones its
    // catalog models have a mode for (its embedding models, its whisper models, …).
    paths: {
      chat: '/chat/completions',
      responses: '/responses',
      models: '/models',
      embeddings: '/embeddings',
      completions: '/completions',
      images: '/images/generations',
      imageEdits: '/images/edits',
      imageVariations: '/images/variations',
      speech: '/audio/speech',
      transcriptions: '/audio/transcriptions',
      translations: '/audio/translations',
      moderations: '/moderations',
      rerank: '/rerank',
    },
    auth: 'bearer',
  },
  anthropic: {
    wireFormat: 'anthropic-messages',
    paths: {
      chat: '/v1/messages',
      countTokens: '/v1/messages/count_tokens',
      models: '/v1/models?limit=1000',
    },
    auth: 'x-api-key',
    // https://docs.anthropic.com/en/api/versioning
    headers: { 'anthropic-version': '2023-06-01' },
    // A client's own version and beta flags (prompt-caching TTLs, 1M context) pass on.
    forwardHeaders: ['anthropic-version', 'anthropic-beta'],
  },
  gemini: {
    wireFormat: 'gemini',
    paths: {
      chat: '/v1beta/models/{model}:generateContent',
      chatStream: '/v1beta/models/{model}:streamGenerateContent?alt=sse',
      countTokens: '/v1beta/models/{model}:countTokens',
      models: '/v1beta/models?pageSize=1000',
      // https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
      embeddings: '/v1beta/models/{model}:batchEmbedContents',
      embedContent: '/v1beta/models/{model}:embedContent',
      // Gemini image models answer on `chat` (generateContent); Imagen on :predict.
      // https://ai.google.dev/api/models#method:-models.predict
      imagePredict: '/v1beta/models/{model}:predict',
    },
    auth: 'x-goog-api-key',
  },
  azure: {
    wireFormat: 'openai-chat',
    paths: {
      chat: '/openai/deployments/{model}/chat/completions?api-version={apiVersion}',
      embeddings: '/openai/deployments/{model}/embeddings?api-version={apiVersion}',
      completions: '/openai/deployments/{model}/completions?api-version={apiVersion}',
      images: '/openai/deployments/{model}/images/generations?api-version={apiVersion}',
      imageEdits: '/openai/deployments/{model}/images/edits?api-version={apiVersion}',
      speech: '/openai/deployments/{model}/audio/speech?api-version={apiVersion}',
      transcriptions: '/openai/deployments/{model}/audio/transcriptions?api-version={apiVersion}',
      translations: '/openai/deployments/{model}/audio/translations?api-version={apiVersion}',
    },
    auth: 'api-key',
  },
  bedrock: { paths: {}, auth: 'bearer' },
  vertex: { paths: {}, auth: 'bearer' },
  // Chat and embeddings through Cohere's OpenAI-compatible API; rerank on its own v2 API. The base URL
  // is the host root, as in Cohere's SDK (COHERE_BASE_URL).
  cohere: {
    wireFormat: 'openai-chat',
    paths: {
      chat: '/compatibility/v1/chat/completions',
      embeddings: '/compatibility/v1/embeddings',
      rerank: '/v2/rerank',
      models: '/v1/models',
    },
    auth: 'bearer',
    rerankFormat: 'cohere',
  },
  other: { paths: {}, auth: 'bearer' },
};

/** Families the gateway has an adapter for: those whose chat endpoint speaks a known wire format. */
export const ADAPTED_FAMILIES = (Object.keys(API_FAMILIES) as ApiFamily[]).filter(
  (f) => API_FAMILIES[f].wireFormat !== undefined,
);

/** Values substituted into a family path. */
export interface FamilyPathVars {
  readonly model?: string;
  readonly apiVersion?: string;
}

/** The path of `endpoint` for `family` with its variables filled in; undefined when it has none. */
export function familyPath(
  family: ApiFamily,
  endpoint: FamilyEndpoint,
  vars: FamilyPathVars = {},
): string | undefined {
  const paths = API_FAMILIES[family].paths;
  const template = paths[endpoint] ?? (endpoint === 'chatStream' ? paths.chat : undefined);
  if (template === undefined) return undefined;
  return template.replace(/\{(model|apiVersion)\}/g, (_, name: keyof FamilyPathVars) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`${family} ${endpoint} path needs {${name}}`);
    return encodeURIComponent(value);
  });
}

/** The full URL of `endpoint` under a provider's base URL (no trailing slash); undefined when none. */
export function familyUrl(
  baseUrl: string,
  family: ApiFamily,
  endpoint: FamilyEndpoint,
  vars?: FamilyPathVars,
): URL | undefined {
  const path = familyPath(family, endpoint, vars);
  return path === undefined ? undefined : new URL(`${baseUrl}${path}`);
}
