import { type ApiFamily, type AuthScheme, type ProviderSpec, type RerankFormat } from '../types';
import { API_FAMILIES } from './families';

export interface ProviderInit {
  readonly id: string;
  readonly displayName: string;
  readonly family: ApiFamily;
  readonly baseUrl?: string;
  /** Defaults to the family's (`API_FAMILIES`). */
  readonly auth?: AuthScheme;
  readonly envPrefix?: string;
  readonly dropParams?: readonly string[];
  readonly embeddingParams?: Readonly<Record<string, string>>;
  /** Defaults to the family's (`API_FAMILIES`). */
  readonly rerankFormat?: RerankFormat;
  readonly docsUrl?: string;
}

/** `together_ai` → `TOGETHER_AI`; the env prefix unless a provider names its own. */
export function envPrefixOf(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

export function defineProvider(init: ProviderInit): ProviderSpec {
  return Object.freeze({
    ...init,
    auth: init.auth ?? API_FAMILIES[init.family].auth,
    envPrefix: init.envPrefix ?? envPrefixOf(init.id),
    ...((init.rerankFormat ?? API_FAMILIES[init.family].rerankFormat)
      ? { rerankFormat: init.rerankFormat ?? API_FAMILIES[init.family].rerankFormat }
      : {}),
    ...(init.embeddingParams
      ? { embeddingParams: Object.freeze({ ...init.embeddingParams }) }
      : {}),
    ...(init.dropParams ? { dropParams: Object.freeze([...init.dropParams]) } : {}),
  });
}

/** A provider that speaks OpenAI's Chat Completions API with a bearer key. */
export function openAiCompatible(init: Omit<ProviderInit, 'family'>): ProviderSpec {
  return defineProvider({ ...init, family: 'openai' });
}
