import { meteredCostUsd } from '@gateway/routing';
import { InvalidRequestError } from '../../../common/domain-errors';
import { readJsonAnswer, sendAnswer } from './endpoint-relay';
import {
  DEFAULT_IMAGE_MODEL,
  DEFAULT_IMAGE_SIZE,
  imageTierPricing,
  openAIImageUnits,
} from './images.operation';
import {
  estimateTextTokens,
  familyServes,
  type OperationDeps,
  type OperationRequest,
  type OperationSpec,
} from './operation';
import { readUpload, uploadPlan, type UploadForm } from './uploads';

export interface ImageUploadRequest extends OperationRequest {
  form: UploadForm;
  images: number;
  size: { width: number; height: number };
  quality?: string;
}

/**
 * Image edits and variations (`POST /v1/images/edits`, `/v1/images/variations`): multipart uploads
 * passed through to the providers that have them (OpenAI; Azure for edits), file bytes intact, within
 * UPLOAD_LIMIT_MB. Priced like generations: image tokens when the answer reports them, else per image
 * at the size and quality tier.
 */
export function imageUploadOperation(
  deps: OperationDeps,
  endpoint: 'imageEdits' | 'imageVariations',
): OperationSpec<ImageUploadRequest> {
  const tierOf = (provider: string, model: string, req: ImageUploadRequest) =>
    imageTierPricing(deps.catalog, provider, model, req.size, req.quality);
  return {
    operation: 'images',
    modelKind: 'an image model',
    modes: ['image_generation', 'image_edit'],

    read(ex) {
      const form = readUploadWithArrays(ex, 'image');
      const model = form.field('model') ?? DEFAULT_IMAGE_MODEL;
      const n = Number(form.field('n') ?? 1);
      if (!Number.isInteger(n) || n < 1 || n > 10)
        throw new InvalidRequestError("'n' must be an integer from 1 to 10", 'n');
      const size = /^(\d+)x(\d+)$/.exec(form.field('size') ?? '');
      const req: ImageUploadRequest = {
        model,
        stream: false,
        form,
        images: n,
        size: size ? { width: Number(size[1]), height: Number(size[2]) } : DEFAULT_IMAGE_SIZE,
        quality: form.field('quality'),
        estimatedInputTokens: estimateTextTokens([form.field('prompt') ?? '']),
        estimateCost: (c) =>
          meteredCostUsd(
            tierOf(c.providerSpec.id, c.model.upstreamId, req) ?? c.model.pricing,
            { inputTokens: 0, outputTokens: 0 },
            { images: n, pixels: n * req.size.width * req.size.height },
          ),
      };
      return req;
    },

    supports: (c) => familyServes(c, endpoint),

    plan(ex, req, c) {
      const adapter = deps.endpointAdapter(c.providerSpec, endpoint, 'openai-chat');
      return adapter && uploadPlan(ex, c, adapter, req.form);
    },

    async relay(ex, req, plan, upstream) {
      const { text, json } = await readJsonAnswer(ex, plan, upstream);
      const { usage, units } = openAIImageUnits(json, req.size);
      ex.call.usage = usage;
      ex.call.units = units;
      const c = plan.candidate;
      if (!usage) ex.call.pricing = tierOf(c.providerSpec.id, c.model.upstreamId, req);
      sendAnswer(ex, plan, upstream, text);
    },
  };
}

/** gpt-image edits may send several images as `image[]`; the form must hold at least one. */
function readUploadWithArrays(ex: Parameters<typeof readUpload>[0], field: string): UploadForm {
  try {
    return readUpload(ex, field);
  } catch (err) {
    if (err instanceof InvalidRequestError && err.param === field)
      return readUpload(ex, `${field}[]`);
    throw err;
  }
}
