// One embeddings request and answer, whatever API shape they came in (OpenAI /v1/embeddings, Gemini
// :embedContent / :batchEmbedContents) or go out in.

export type EmbeddingEncoding = 'float' | 'base64';

export interface CanonicalEmbeddingRequest {
  /** Empty for Gemini clients (the model is in the URL); the server sets it. */
  model: string;
  /** One entry per vector wanted: text, or token ids (OpenAI clients only). */
  inputs: string[] | number[][];
  dimensions?: number;
  /** How the client wants each vector: JSON floats, or base64 of little-endian float32. */
  encoding: EmbeddingEncoding;
  /** Gemini's `taskType` and `title` (a Gemini upstream only). */
  taskType?: string;
  title?: string;
  user?: string;
}

export interface CanonicalEmbeddingResponse {
  model?: string;
  vectors: number[][];
  /** Prompt tokens as the upstream counted them; undefined when it reports none (Gemini). */
  inputTokens?: number;
}

/** The body for one upstream, and the client fields it cannot take (named as the client sent them). */
export interface EmbeddingUpstreamBody {
  body: Record<string, unknown>;
  droppedParams: string[];
}
