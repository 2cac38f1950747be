import { z } from 'zod';

/** `GET /catalog/models`: the model table for the dashboard's pickers. */
export const CatalogSearchQuery = z.object({
  q: z.string().max(200).optional(),
  mode: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CatalogSearchQuery = z.infer<typeof CatalogSearchQuery>;

export interface CatalogModel {
  name: string;
  provider: string;
  mode: string;
  context_window: number | null;
  max_output_tokens: number | null;
  /** USD per token; null when unknown. */
  pricing: {
    input: number | null;
    output: number | null;
    cached_input: number | null;
    /** Models priced in other units: USD per image generated, per character read (speech), per
     *  second of audio read (transcription) or produced (speech). */
    per_image?: number | null;
    input_per_character?: number | null;
    input_per_second?: number | null;
    output_per_second?: number | null;
  };
  capabilities: Record<string, boolean>;
  /** The gateway knows how to reach this model's provider. */
  routable: boolean;
  /** A provider for it is configured right now. */
  configured: boolean;
}

/** `GET /catalog/models`. */
export interface CatalogResponse {
  models: CatalogModel[];
  total: number;
}
