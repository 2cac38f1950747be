// OpenAI image generation https://platform.openai.com/docs/api-reference/images/create, answered by
// Google's image models: Gemini image models through generateContent with image output
// (https://ai.google.dev/gemini-api/docs/image-generation), Imagen through :predict
// (https://ai.google.dev/gemini-api/docs/imagen). Both answer base64 images only.
import { InvalidRequestError, UpstreamAnswerError } from '../canonical/errors';
import { asArray, asRecord, num, str, type Json } from '../shared/json';

/** How a Google image model is called. */
export type GoogleImageMethod = 'generateContent' | 'predict';

// Aspect ratios each method accepts; an OpenAI `size` goes to the nearest one.
const ASPECT_RATIOS: Record<GoogleImageMethod, readonly string[]> = {
  generateContent: ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'],
  predict: ['1:1', '3:4', '4:3', '9:16', '16:9'],
};

// Fields that have no Google counterpart (the image comes back as Google renders it).
const OPENAI_ONLY = [
  'quality',
  'style',
  'background',
  'moderation',
  'output_format',
  'output_compression',
  'user',
] as const;

export interface ImagesRequest {
  prompt: string;
  n: number;
  /** `WIDTHxHEIGHT`, when the client named one. */
  size?: { width: number; height: number };
  /** 'url' or 'b64_json'. */
  responseFormat: string;
  quality?: string;
}

/** The parts of an OpenAI images body the gateway reads (routing, pricing, conversion). */
export function readImagesRequest(body: Json): ImagesRequest {
  const prompt = body.prompt;
  if (typeof prompt !== 'string' || prompt === '')
    throw new InvalidRequestError("'prompt' must be a non-empty string", 'prompt');
  const n = body.n ?? 1;
  if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 10)
    throw new InvalidRequestError("'n' must be an integer from 1 to 10", 'n');
  const sizeText = str(body.size);
  const match = sizeText ? /^(\d+)x(\d+)$/.exec(sizeText) : null;
  return {
    prompt,
    n: n as number,
    size: match ? { width: Number(match[1]), height: Number(match[2]) } : undefined,
    responseFormat: str(body.response_format) ?? 'b64_json',
    quality: str(body.quality),
  };
}

function nearestRatio(method: GoogleImageMethod, size: { width: number; height: number }): string {
  const want = size.width / size.height;
  let best = ASPECT_RATIOS[method][0];
  let gap = Infinity;
  for (const ratio of ASPECT_RATIOS[method]) {
    const [w, h] = ratio.split(':').map(Number);
    const d = Math.abs(Math.log(w / h / want));
    if (d < gap) [best, gap] = [ratio, d];
  }
  return best;
}

/** OpenAI images body -> the Google request body, and the OpenAI fields it cannot take. */
export function imagesToGoogle(
  method: GoogleImageMethod,
  body: Json,
): { body: Json; droppedParams: string[] } {
  const req = readImagesRequest(body);
  const aspectRatio = req.size ? nearestRatio(method, req.size) : undefined;
  const droppedParams: string[] = OPENAI_ONLY.filter((f) => body[f] !== undefined);
  if (method === 'predict') {
    const parameters: Json = { sampleCount: req.n };
    if (aspectRatio) parameters.aspectRatio = aspectRatio;
    return { body: { instances: [{ prompt: req.prompt }], parameters }, droppedParams };
  }
  const generationConfig: Json = { responseModalities: ['IMAGE'] };
  if (req.n > 1) generationConfig.candidateCount = req.n;
  if (aspectRatio) generationConfig.imageConfig = { aspectRatio };
  return {
    body: { contents: [{ role: 'user', parts: [{ text: req.prompt }] }], generationConfig },
    droppedParams,
  };
}

export interface GoogleImages {
  images: { mimeType: string; data: string }[];
  /** Prompt tokens, when the answer reports usage (generateContent). */
  inputTokens?: number;
}

/** A Google answer -> its base64 images. */
export function googleImagesFromAnswer(method: GoogleImageMethod, body: unknown): GoogleImages {
  const b = asRecord(body);
  if (method === 'predict') {
    const predictions = asArray(b.predictions).map((p) => asRecord(p));
    return {
      images: predictions
        .filter((p) => typeof p.bytesBase64Encoded === 'string')
        .map((p) => ({
          mimeType: str(p.mimeType) ?? 'image/png',
          data: p.bytesBase64Encoded as string,
        })),
    };
  }
  if (!Array.isArray(b.candidates))
    throw new UpstreamAnswerError('the Gemini image answer has no candidates');
  const images = b.candidates.flatMap((c) =>
    asArray(asRecord(asRecord(c).content).parts)
      .map((p) => asRecord(asRecord(p).inlineData))
      .filter((d) => typeof d.data === 'string')
      .map((d) => ({ mimeType: str(d.mimeType) ?? 'image/png', data: d.data as string })),
  );
  return { images, inputTokens: num(asRecord(b.usageMetadata).promptTokenCount) };
}

/**
 * Google's base64 images -> the OpenAI images answer. A client that asked for URLs gets data URLs:
 * Google hosts no generated images, and a data URL is still a URL the client can fetch or embed.
 */
export function openAIImagesAnswer(
  images: GoogleImages['images'],
  ctx: { created: number; responseFormat: string },
): Json {
  return {
    created: ctx.created,
    data: images.map((img) =>
      ctx.responseFormat === 'url'
        ? { url: `data:${img.mimeType};base64,${img.data}` }
        : { b64_json: img.data },
    ),
  };
}
