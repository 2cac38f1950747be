import { z } from 'zod';

/** `GET /catalog/models`: the model table for the dashboard's pickers. */
export const CatalogSearchQuery = z.object({
  q: z.string().max(200).optional(),
  mode: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CatalogSearchQuery = z.infer<typeof CatalogSearchQuery>;

const usdPerToken = z.number().nullable();

export const CatalogModel = z
  .object({
    name: z.string(),
    provider: z.string(),
    mode: z.string(),
    context_window: z.number().int().nullable(),
    max_output_tokens: z.number().int().nullable(),
    pricing: z
      .object({
        input: usdPerToken,
        output: usdPerToken,
        cached_input: usdPerToken,
        per_image: z.number().nullable().optional().describe('USD per image generated'),
        input_per_character: z
          .number()
          .nullable()
          .optional()
          .describe('USD per character read (speech)'),
        input_per_second: z
          .number()
          .nullable()
          .optional()
          .describe('USD per second of audio read (transcription)'),
        output_per_second: z
          .number()
          .nullable()
          .optional()
          .describe('USD per second of audio produced (speech)'),
      })
      .describe('USD per token, and per unit for models priced otherwise; null when unknown'),
    capabilities: z.record(z.string(), z.boolean()),
    routable: z.boolean().describe("the gateway knows how to reach this model's provider"),
    configured: z.boolean().describe('a provider for it is configured right now'),
  })
  .meta({ id: 'CatalogModel' });
export type CatalogModel = z.infer<typeof CatalogModel>;

/** `GET /catalog/models`. */
export const CatalogResponse = z
  .object({ models: z.array(CatalogModel), total: z.number().int() })
  .meta({ id: 'CatalogResponse' });
export type CatalogResponse = z.infer<typeof CatalogResponse>;
