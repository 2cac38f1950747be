/** Wire protocol an adapter speaks to the upstream. */
export type ApiFamily =
  'openai' | 'anthropic' | 'gemini' | 'azure' | 'bedrock' | 'vertex' | 'cohere' | 'other';

/**
 * Request and answer shape of a provider's rerank endpoint: Cohere's v2 API (what clients send the
 * gateway), Jina's (Cohere-like, `top_n` and `results`) or Voyage's (`top_k` and `data`).
 */
export type RerankFormat = 'cohere' | 'jina' | 'voyage';

/** How the API key travels: `Authorization: Bearer`, or the named header, or not at all. */
export type AuthScheme = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'api-key' | 'none';

export interface ProviderSpec {
  readonly id: string;
  readonly displayName: string;
  readonly family: ApiFamily;
  /**
   * Default base URL in the meaning of the provider's official SDK (OpenAI-style ones include
   * `/v1`). Undefined when every account has its own host (Azure, Cloudflare, Databricks) or when
   * no adapter exists; then it comes from `<envPrefix>_BASE_URL`.
   */
  readonly baseUrl?: string;
  readonly auth: AuthScheme;
  /** `OPENAI` → `OPENAI_API_KEY`, `OPENAI_BASE_URL`. */
  readonly envPrefix: string;
  /** OpenAI request fields this provider rejects, dropped before dispatch. */
  readonly dropParams?: readonly string[];
  /** OpenAI embeddings fields this provider names its own way (`dimensions` → `output_dimension`). */
  readonly embeddingParams?: Readonly<Record<string, string>>;
  /** Shape of its rerank endpoint, when it has one (the family's otherwise). */
  readonly rerankFormat?: RerankFormat;
  readonly docsUrl?: string;
}

/** Long-context price tier: replaces the base prices once the prompt exceeds `aboveInputTokens`. */
export interface PricingTier {
  readonly aboveInputTokens: number;
  readonly input?: number;
  readonly output?: number;
  readonly cachedInput?: number;
  readonly cacheWrite?: number;
}

/**
 * USD per token unless the name says otherwise (`perImage`, `inputPerSecond`, ...).
 * An absent field means the price is unknown, never that it is free.
 */
export interface ModelPricing {
  readonly input?: number;
  readonly output?: number;
  readonly cachedInput?: number;
  readonly cacheWrite?: number;
  /** One-hour cache writes (Anthropic), per token. */
  readonly cacheWrite1h?: number;
  readonly reasoning?: number;
  readonly inputAudio?: number;
  readonly outputAudio?: number;
  readonly cachedInputAudio?: number;
  readonly inputImageToken?: number;
  readonly outputImageToken?: number;
  readonly perInputImage?: number;
  readonly perImage?: number;
  readonly inputPerSecond?: number;
  readonly outputPerSecond?: number;
  readonly inputPerCharacter?: number;
  readonly outputPerCharacter?: number;
  readonly inputPerPixel?: number;
  readonly outputPerPixel?: number;
  readonly perQuery?: number;
  readonly perRequest?: number;
  readonly batchInput?: number;
  readonly batchOutput?: number;
  readonly tiers?: readonly PricingTier[];
}

export const CAPABILITIES = [
  'assistantPrefill',
  'audioInput',
  'audioOutput',
  'computerUse',
  'parallelTools',
  'pdfInput',
  'promptCaching',
  'reasoning',
  'responseSchema',
  'systemMessages',
  'toolChoice',
  'tools',
  'videoInput',
  'vision',
  'webSearch',
] as const;

export type Capability = (typeof CAPABILITIES)[number];

/** `true` only where the source table says so; `false` also covers "not stated". */
export type ModelCapabilities = Readonly<Record<Capability, boolean>>;

export interface ModelEntry {
  /** Key of the model in LiteLLM's table; unique across the catalog. */
  readonly sourceKey: string;
  /** Canonical name, without the provider route prefix (`groq/x` → `x`). */
  readonly name: string;
  readonly provider: string;
  /** Model id to send upstream. */
  readonly upstreamId: string;
  /** `chat`, `embedding`, `image_generation`, `responses`, `audio_transcription`, ... */
  readonly mode: string;
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  readonly pricing: ModelPricing;
  readonly capabilities: ModelCapabilities;
  readonly deprecationDate?: string;
}

export interface ResolvedModel {
  readonly entry: ModelEntry;
  readonly provider: ProviderSpec;
  readonly requested: string;
}
