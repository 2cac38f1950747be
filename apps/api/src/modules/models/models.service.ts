import { Inject, Injectable } from '@nestjs/common';
import { getProvider, isRoutable, type ModelCatalog, type ModelEntry } from '@gateway/routing';
import { ENV_CREDENTIALS, type EnvCredentials } from './env-credentials';
import { MODEL_CATALOG } from './models.tokens';

export interface CatalogModelDto {
  name: string;
  provider: string;
  mode: string;
  context_window: number | null;
  max_output_tokens: number | null;
  pricing: { input: number | null; output: number | null; cached_input: number | null };
  capabilities: Record<string, boolean>;
  routable: boolean;
  configured: boolean;
}

@Injectable()
export class ModelsService {
  constructor(
    @Inject(MODEL_CATALOG) private readonly catalog: ModelCatalog,
    @Inject(ENV_CREDENTIALS) private readonly targets: EnvCredentials,
  ) {}

  /** Dashboard search over the whole table. */
  search(q: { q?: string; mode?: string; limit: number; offset: number }): {
    models: CatalogModelDto[];
    total: number;
  } {
    const needle = q.q?.trim().toLowerCase();
    const all = this.catalog
      .list(q.mode ? { mode: q.mode } : undefined)
      .filter(
        (m) =>
          !needle ||
          m.name.toLowerCase().includes(needle) ||
          m.provider.toLowerCase().includes(needle),
      );
    // Models the gateway can serve right now first.
    all.sort((a, b) => Number(this.isConfigured(b)) - Number(this.isConfigured(a)));
    return {
      models: all.slice(q.offset, q.offset + q.limit).map((m) => this.toDto(m)),
      total: all.length,
    };
  }

  /** The bare name when it resolves to this entry, else `provider/name` (several providers serve it). */
  publicId(m: ModelEntry): string {
    try {
      if (this.catalog.resolve(m.name).entry === m) return m.name;
    } catch {
      // fall through to the qualified id
    }
    return `${m.provider}/${m.name}`;
  }

  private isConfigured(m: ModelEntry): boolean {
    const provider = getProvider(m.provider);
    return provider !== undefined && isRoutable(provider) && this.targets.isConfigured(provider);
  }

  private toDto(m: ModelEntry): CatalogModelDto {
    const provider = getProvider(m.provider);
    return {
      name: m.name,
      provider: m.provider,
      mode: m.mode,
      context_window: m.contextWindow ?? null,
      max_output_tokens: m.maxOutputTokens ?? null,
      pricing: {
        input: m.pricing.input ?? null,
        output: m.pricing.output ?? null,
        cached_input: m.pricing.cachedInput ?? null,
      },
      capabilities: { ...m.capabilities },
      routable: provider !== undefined && isRoutable(provider),
      configured: this.isConfigured(m),
    };
  }
}
