import { Inject, Injectable } from '@nestjs/common';
import { getProvider, isRoutable, type ModelCatalog, type ModelEntry } from '@gateway/routing';
import type { CatalogModel } from '@gateway/contracts';
import { ENV_CREDENTIALS, type EnvCredentials } from './env-credentials';
import { MODEL_CATALOG } from './models.tokens';

@Injectable()
export class ModelsService {
  constructor(
    @Inject(MODEL_CATALOG) private readonly catalog: ModelCatalog,
    @Inject(ENV_CREDENTIALS) private readonly targets: EnvCredentials,
  ) {}

  /** Dashboard search over the whole table. */
  search(q: { q?: string; mode?: string; limit: number; offset: number }): {
    models: CatalogModel[];
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

  private toDto(m: ModelEntry): CatalogModel {
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
        // The model table keeps DALL·E's and GPT Image's per-image price as an input price.
        per_image: m.pricing.perImage ?? m.pricing.perInputImage ?? null,
        input_per_character: m.pricing.inputPerCharacter ?? null,
        input_per_second: m.pricing.inputPerSecond ?? null,
        output_per_second: m.pricing.outputPerSecond ?? null,
      },
      capabilities: { ...m.capabilities },
      routable: provider !== undefined && isRoutable(provider),
      configured: this.isConfigured(m),
    };
  }
}
