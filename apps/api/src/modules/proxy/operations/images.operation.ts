import {
  emptyUsage,
  googleImagesFromAnswer,
  imagesToGoogle,
  openAIImagesAnswer,
  readImagesRequest,
  type GoogleImageMethod,
  type ImagesRequest,
} from '@gateway/converters';
import {
  meteredCostUsd,
  type BilledUnits,
  type ModelCatalog,
  type ModelPricing,
} from '@gateway/routing';
import { InvalidRequestError } from '../../../common/domain-errors';
import type { RouteCandidate } from '../../routing/routing.types';
import { parseJsonBody } from '../request-body';
import { readJsonAnswer, sendAnswer } from './endpoint-relay';
import {
  estimateTextTokens,
  familyServes,
  operationPlan,
  samePayload,
  type OperationDeps,
  type OperationRequest,
  type OperationSpec,
} from './operation';

// https://platform.openai.com/docs/api-reference/images/create — the model OpenAI uses when none is named.
export const DEFAULT_IMAGE_MODEL = 'dall-e-2';
export const DEFAULT_IMAGE_SIZE = { width: 1024, height: 1024 };
// Quality tiers tried when the client named none (or 'auto'): the tier OpenAI defaults to.
const DEFAULT_QUALITIES = ['standard', 'medium'];

export interface ImagesOperationRequest extends OperationRequest {
  image: ImagesRequest;
}

/** Imagen answers on :predict, Gemini image models on generateContent. */
const googleMethod = (upstreamModel: string): GoogleImageMethod =>
  /^imagen/i.test(upstreamModel) ? 'predict' : 'generateContent';

/**
 * The price list of one image size and quality: LiteLLM keys these tiers as
 * `<quality>/<W>-x-<H>/<model>` (or `<W>-x-<H>/<model>`), per image or per pixel.
 */
export function imageTierPricing(
  catalog: ModelCatalog,
  provider: string,
  model: string,
  size: { width: number; height: number },
  quality: string | undefined,
): ModelPricing | undefined {
  const dims = `${size.width}-x-${size.height}`;
  const qualities = quality && quality !== 'auto' ? [quality] : DEFAULT_QUALITIES;
  for (const name of [...qualities.map((q) => `${q}/${dims}/${model}`), `${dims}/${model}`]) {
    const tier = catalog.get(provider, name);
    if (tier) return tier.pricing;
  }
  return undefined;
}

/** What an OpenAI images answer used: its token usage (GPT image models), else the images made. */
export function openAIImageUnits(
  json: Record<string, any>,
  size: { width: number; height: number },
): { usage?: ReturnType<typeof emptyUsage>; units: BilledUnits } {
  const usage = json.usage as Record<string, any> | undefined;
  if (usage && typeof usage.input_tokens === 'number' && typeof usage.output_tokens === 'number') {
    const imageIn = usage.input_tokens_details?.image_tokens;
    return {
      usage: Object.assign(emptyUsage(), {
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
      }),
      units: {
        inputImageTokens: typeof imageIn === 'number' ? imageIn : 0,
        outputImageTokens: usage.output_tokens,
      },
    };
  }
  const images = Array.isArray(json.data) ? json.data.length : 0;
  return { units: { images, pixels: images * size.width * size.height } };
}

/**
 * Image generation (`POST /v1/images/generations`): passed through to OpenAI-family providers (OpenAI,
 * Azure, OpenAI-compatible image models); converted for Google's image models (Gemini image models
 * through generateContent, Imagen through :predict), whose base64 images come back in OpenAI's shape.
 * Priced per image at the size and quality tier asked for, or by image tokens when the answer reports
 * them (GPT image models).
 */
export function imagesOperation(deps: OperationDeps): OperationSpec<ImagesOperationRequest> {
  const tierOf = (c: RouteCandidate, image: ImagesRequest) =>
    imageTierPricing(
      deps.catalog,
      c.providerSpec.id,
      c.model.upstreamId,
      image.size ?? DEFAULT_IMAGE_SIZE,
      image.quality,
    );
  return {
    operation: 'images',
    modelKind: 'an image generation model',
    modes: ['image_generation'],

    read(ex) {
      const body = parseJsonBody(ex.input.rawBody);
      ex.body = body;
      const model = body.model ?? DEFAULT_IMAGE_MODEL;
      if (typeof model !== 'string' || model.trim() === '')
        throw new InvalidRequestError("'model' must be a string", 'model');
      const image = readImagesRequest(body);
      const size = image.size ?? DEFAULT_IMAGE_SIZE;
      return {
        model,
        stream: false,
        image,
        estimatedInputTokens: estimateTextTokens([image.prompt]),
        // Budgets reserve the images at the tier's price (no tokens: a GPT image tier is per image).
        estimateCost: (c) =>
          meteredCostUsd(
            tierOf(c, image) ?? c.model.pricing,
            { inputTokens: 0, outputTokens: 0 },
            { images: image.n, pixels: image.n * size.width * size.height },
          ),
      };
    },

    supports: (c) => (c.providerSpec.family === 'gemini' ? true : familyServes(c, 'images')),

    plan(ex, _req, c) {
      if (c.providerSpec.family === 'gemini') {
        const method = googleMethod(c.upstreamModel);
        const adapter = deps.endpointAdapter(
          c.providerSpec,
          method === 'predict' ? 'imagePredict' : 'chat',
          'gemini',
        );
        if (!adapter) return undefined;
        const converted = imagesToGoogle(method, ex.body!);
        return operationPlan(ex, c, adapter, JSON.stringify(converted.body), {
          passthrough: false,
          droppedParams: converted.droppedParams,
        });
      }
      const adapter = deps.endpointAdapter(c.providerSpec, 'images', 'openai-chat');
      return adapter && operationPlan(ex, c, adapter, samePayload(ex, c), { passthrough: true });
    },

    async relay(ex, req, plan, upstream) {
      const { text, json } = await readJsonAnswer(ex, plan, upstream);
      const c = plan.candidate;
      if (c.providerSpec.family !== 'gemini') {
        const { usage, units } = openAIImageUnits(json, req.image.size ?? DEFAULT_IMAGE_SIZE);
        ex.call.usage = usage;
        ex.call.units = units;
        if (!usage) ex.call.pricing = tierOf(c, req.image);
        sendAnswer(ex, plan, upstream, text);
        return;
      }
      const answer = googleImagesFromAnswer(googleMethod(c.upstreamModel), json);
      ex.call.usage = Object.assign(emptyUsage(), { inputTokens: answer.inputTokens ?? 0 });
      ex.call.units = { images: answer.images.length };
      const out = openAIImagesAnswer(answer.images, {
        created: plan.ctx.created,
        responseFormat: req.image.responseFormat,
      });
      sendAnswer(ex, plan, upstream, JSON.stringify(out));
    },
  };
}
