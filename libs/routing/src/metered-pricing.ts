import { costUsd, type TokenUsage } from './pricing';
import { type ModelPricing } from './types';

/**
 * What a request used in units other than plain text tokens, as the upstream reported it (or the
 * gateway counted it). A field left out was not measured; a field present is billed at its unit price
 * and makes the cost unknown (null) when the model has no such price.
 */
export interface BilledUnits {
  /** Images generated (priced per image, or per pixel through `pixels`). */
  readonly images?: number;
  /** Pixels generated over all images (width × height × images), for models priced per pixel. */
  readonly pixels?: number;
  /** Seconds of audio read (transcription, translation). */
  readonly inputAudioSeconds?: number;
  /** Seconds of audio produced (speech). */
  readonly outputAudioSeconds?: number;
  /** Characters of text read (speech). */
  readonly inputCharacters?: number;
  /** Searches (a rerank call is one query, or as many search units as the upstream billed). */
  readonly queries?: number;
  /** Of the prompt tokens, those that were audio (priced `inputAudio`, else `input`). */
  readonly inputAudioTokens?: number;
  /** Of the prompt tokens, those that were images (priced `inputImageToken`, else `input`). */
  readonly inputImageTokens?: number;
  /** Of the output tokens, those that were images (priced `outputImageToken`, else `output`). */
  readonly outputImageTokens?: number;
  /** Of the output tokens, those that were audio (priced `outputAudio`, else `output`). */
  readonly outputAudioTokens?: number;
}

// Pico-dollars, as in pricing.ts: integer products, one division at the end.
const PICO = 1e12;

/**
 * Cost in USD of a request measured in tokens and other units (`BilledUnits`), or null when a
 * quantity it used has no known price (never treated as free).
 *
 * - Audio and image tokens are carved out of the token counts and priced at their own token
 *   prices, falling back to the plain input/output price.
 * - Images cost the per-image price. LiteLLM's table keeps that price as `output_cost_per_image`
 *   for Gemini and Imagen but as `input_cost_per_image` for DALL·E and the GPT image size tiers, so
 *   both are read (`perImage`, then `perInputImage`); without either, `pixels` are priced per pixel
 *   (DALL·E 3 size tiers: `input_cost_per_pixel`).
 * - Seconds, characters and queries cost their unit price.
 */
export function meteredCostUsd(
  pricing: ModelPricing,
  usage: TokenUsage,
  units: BilledUnits = {},
): number | null {
  const audioIn = units.inputAudioTokens ?? 0;
  const imageIn = units.inputImageTokens ?? 0;
  const imageOut = units.outputImageTokens ?? 0;
  const audioOut = units.outputAudioTokens ?? 0;
  if (audioIn + imageIn > usage.inputTokens || imageOut + audioOut > usage.outputTokens) {
    throw new RangeError('audio or image tokens exceed the token counts they are part of');
  }
  // The text tokens alone. No copy when nothing is audio or image (every chat request); Object.assign
  // otherwise, not a spread with fields after it (about 1 µs per field on Node 20).
  const text = costUsd(
    pricing,
    audioIn + imageIn + imageOut + audioOut === 0
      ? usage
      : Object.assign({}, usage, {
          inputTokens: usage.inputTokens - audioIn - imageIn,
          outputTokens: usage.outputTokens - imageOut - audioOut,
        }),
  );
  if (text === null) return null;
  let pico = Math.round(text * PICO);
  const add = (quantity: number | undefined, price: number | undefined): boolean => {
    if (quantity === undefined || quantity === 0) return true;
    if (!Number.isFinite(quantity) || quantity < 0) {
      throw new RangeError(`billed quantities must be finite and non-negative (got ${quantity})`);
    }
    if (price === undefined) return false;
    pico += Math.round(quantity * price * PICO);
    return true;
  };
  const priced =
    add(audioIn, pricing.inputAudio ?? pricing.input) &&
    add(imageIn, pricing.inputImageToken ?? pricing.input) &&
    add(imageOut, pricing.outputImageToken ?? pricing.output) &&
    add(audioOut, pricing.outputAudio ?? pricing.output) &&
    addImages(pricing, units, add) &&
    add(units.inputAudioSeconds, pricing.inputPerSecond) &&
    add(units.outputAudioSeconds, pricing.outputPerSecond) &&
    add(units.inputCharacters, pricing.inputPerCharacter) &&
    add(units.queries, pricing.perQuery);
  return priced ? pico / PICO : null;
}

function addImages(
  pricing: ModelPricing,
  units: BilledUnits,
  add: (quantity: number | undefined, price: number | undefined) => boolean,
): boolean {
  const perImage = pricing.perImage ?? pricing.perInputImage;
  if (perImage !== undefined || units.pixels === undefined) return add(units.images, perImage);
  const perPixel =
    pricing.inputPerPixel === undefined && pricing.outputPerPixel === undefined
      ? undefined
      : (pricing.inputPerPixel ?? 0) + (pricing.outputPerPixel ?? 0);
  return add(units.pixels, perPixel);
}
