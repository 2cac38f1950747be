export interface CatalogModel {
  name: string;
  provider: string;
  mode: string;
  context_window: number | null;
  max_output_tokens: number | null;
  /** USD per token; null when unknown. */
  pricing: { input: number | null; output: number | null; cached_input: number | null };
  routable: boolean;
  configured: boolean;
}

export interface CatalogResponse {
  models: CatalogModel[];
  total: number;
}
