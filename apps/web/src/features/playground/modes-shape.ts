import type { RouteBody } from '@gateway/contracts';

/** The playground's modes, one per kind of API call. */
export const MODES = [
  { id: 'chat', label: 'Chat' },
  { id: 'embeddings', label: 'Embeddings' },
  { id: 'images', label: 'Images' },
  { id: 'audio', label: 'Audio' },
] as const;
export type PlaygroundMode = (typeof MODES)[number]['id'];

export function parseMode(value: string | null): PlaygroundMode {
  return MODES.find((m) => m.id === value)?.id ?? 'chat';
}

// LiteLLM's table prices some image models per size and quality as separate entries
// (`hd/1024-x-1024/dall-e-3`): prices, not models anyone can call.
const PRICING_TIER = /(^|\/)\d+-x-\d+\//;

export function isPricingTier(name: string): boolean {
  return PRICING_TIER.test(name);
}

/** One input per non-empty line. */
export function parseInputs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

// ---- embeddings ------------------------------------------------------------------------------

/**
 * What the openai SDK sends: one string or a list, and `encoding_format: "base64"` unless told
 * otherwise (the SDK decodes the vectors itself; they travel a quarter of the size).
 */
export function embeddingsRequestBody(settings: {
  model: string;
  inputs: string[];
  dimensions: number | null;
}): RouteBody<'POST /v1/embeddings'> {
  return {
    model: settings.model,
    input: settings.inputs.length === 1 ? settings.inputs[0] : settings.inputs,
    encoding_format: 'base64',
    ...(settings.dimensions ? { dimensions: settings.dimensions } : {}),
  };
}

/** A vector as the API sent it: floats, or base64 of little-endian float32s. */
export function decodeEmbedding(value: number[] | string): number[] {
  if (Array.isArray(value)) return value;
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.byteLength; i += 4) out.push(view.getFloat32(i, true));
  return out;
}

/** Cosine of the angle between two vectors; null when it is undefined (length or zero vector). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length || a.length === 0) return null;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return null;
  return dot / Math.sqrt(na * nb);
}

export function similarityMatrix(vectors: readonly (readonly number[])[]): (number | null)[][] {
  return vectors.map((a) => vectors.map((b) => cosineSimilarity(a, b)));
}

export interface EmbeddingRow {
  input: string;
  dimensions: number;
  /** The first few values, for a glance. */
  head: number[];
}

export interface EmbeddingsView {
  rows: EmbeddingRow[];
  similarity: (number | null)[][];
  promptTokens: number | null;
  model: string | null;
}

interface EmbeddingsResponse {
  model?: string;
  data?: { index?: number; embedding?: number[] | string }[];
  usage?: { prompt_tokens?: number; total_tokens?: number };
}

export function embeddingsView(response: unknown, inputs: string[], headSize = 6): EmbeddingsView {
  const body = response as EmbeddingsResponse;
  const data = [...(body.data ?? [])].sort((x, y) => (x.index ?? 0) - (y.index ?? 0));
  const vectors = data.map((d) => decodeEmbedding(d.embedding ?? []));
  return {
    rows: vectors.map((v, i) => ({
      input: inputs[i] ?? `#${i + 1}`,
      dimensions: v.length,
      head: v.slice(0, headSize),
    })),
    similarity: similarityMatrix(vectors),
    promptTokens: body.usage?.prompt_tokens ?? body.usage?.total_tokens ?? null,
    model: body.model ?? null,
  };
}

// ---- images ----------------------------------------------------------------------------------

export const IMAGE_SIZES = [
  'auto',
  '256x256',
  '512x512',
  '1024x1024',
  '1024x1536',
  '1536x1024',
  '1024x1792',
  '1792x1024',
] as const;

export function imagesRequestBody(settings: {
  model: string;
  prompt: string;
  size: string;
  n: number;
}): RouteBody<'POST /v1/images/generations'> {
  return {
    model: settings.model,
    prompt: settings.prompt,
    n: settings.n,
    ...(settings.size !== 'auto' ? { size: settings.size } : {}),
  };
}

export interface ImageView {
  src: string;
  /** DALL·E 3 rewrites prompts and says how. */
  revisedPrompt: string | null;
}

interface ImagesResponse {
  data?: { b64_json?: string; url?: string; revised_prompt?: string }[];
  output_format?: string;
  usage?: { input_tokens?: number; output_tokens?: number; total_tokens?: number };
}

/** Images from `b64_json` (as data URLs, in the format the API names) or from `url`. */
export function imagesView(response: unknown): {
  images: ImageView[];
  tokens: { input: number; output: number } | null;
} {
  const body = response as ImagesResponse;
  const format = body.output_format ?? 'png';
  const images = (body.data ?? []).flatMap((d) => {
    const src = d.b64_json ? `data:image/${format};base64,${d.b64_json}` : d.url;
    return src ? [{ src, revisedPrompt: d.revised_prompt ?? null }] : [];
  });
  const usage = body.usage;
  return {
    images,
    tokens: usage ? { input: usage.input_tokens ?? 0, output: usage.output_tokens ?? 0 } : null,
  };
}

// ---- audio -----------------------------------------------------------------------------------

export const VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
  'verse',
] as const;
export const SPEECH_FORMATS = ['mp3', 'wav', 'opus', 'aac', 'flac'] as const;

export function speechRequestBody(settings: {
  model: string;
  input: string;
  voice: string;
  format: string;
}): RouteBody<'POST /v1/audio/speech'> {
  return {
    model: settings.model,
    input: settings.input,
    voice: settings.voice,
    response_format: settings.format,
  };
}

/** The multipart form the openai SDK builds for `audio.transcriptions.create`. */
export function transcriptionForm(file: File, model: string): FormData {
  const form = new FormData();
  form.append('model', model);
  form.append('file', file, file.name);
  return form;
}

/** `{text}` (json), or the plain text of `response_format: text`. */
export function transcriptionText(body: string, contentType: string | null): string {
  if (contentType?.includes('json')) {
    try {
      const parsed = JSON.parse(body) as { text?: unknown };
      if (typeof parsed.text === 'string') return parsed.text;
    } catch {
      // Fall through: show what came.
    }
  }
  return body;
}
