import { getProvider, isRoutable } from '../providers/provider-registry';
import {
  CAPABILITIES,
  type Capability,
  type ModelCapabilities,
  type ModelEntry,
  type ModelPricing,
  type ProviderSpec,
  type ResolvedModel,
} from '../types';
import { firstPartyProvider, normalizeModelKey, splitDatedName } from './model-names';
import { ModelNotFoundError } from './model-not-found.error';
import generatedCatalog from './models.generated.json';
import { suggestNames } from './suggest-names';

/** Shape of `models.generated.json`, written by `scripts/generate-catalog.mjs`. */
export interface GeneratedCatalog {
  readonly source: string;
  readonly entryCount: number;
  /** Route prefix as people type it (`vertex_ai`, `azure_text`, `amazon-nova`) → provider id. */
  readonly routePrefixes: Readonly<Record<string, string>>;
  readonly entries: readonly GeneratedEntry[];
}

export interface GeneratedEntry {
  readonly sourceKey: string;
  readonly name: string;
  readonly provider: string;
  readonly upstreamId: string;
  readonly mode: string;
  /** The source key carried the provider's route prefix (`groq/...`). */
  readonly routePrefixed: boolean;
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  readonly pricing: ModelPricing;
  readonly capabilities: readonly string[];
  readonly deprecationDate?: string;
}

export interface ListFilter {
  readonly mode?: string;
  readonly routableOnly?: boolean;
  readonly providers?: Iterable<string>;
}

export interface CatalogStats {
  readonly entries: number;
  readonly chatModels: number;
  readonly providers: number;
  readonly routableProviders: number;
}

interface Indexed {
  readonly entry: ModelEntry;
  readonly routePrefixed: boolean;
}

interface ProviderScope {
  readonly exact: Map<string, ModelEntry>;
  readonly alias: Map<string, ModelEntry>;
  readonly entries: ModelEntry[];
}

/** Sort key for competing claims on one lookup key; smaller wins, compared left to right. */
type Rank = readonly (number | string)[];

function compareRank(a: Rank, b: Rank): number {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/** Keeps, per key, the candidate with the smallest rank. */
class Election {
  private readonly best = new Map<string, { rank: Rank; entry: ModelEntry }>();

  offer(key: string, entry: ModelEntry, rank: Rank): void {
    const current = this.best.get(key);
    if (!current || compareRank(rank, current.rank) < 0) this.best.set(key, { rank, entry });
  }

  winners(): Map<string, ModelEntry> {
    return new Map([...this.best].map(([key, { entry }]) => [key, entry]));
  }
}

const EXACT = 0;
const UNDATED_ALIAS = 1;

function capabilitiesOf(listed: readonly string[]): ModelCapabilities {
  const present = new Set(listed);
  const result = {} as Record<Capability, boolean>;
  for (const capability of CAPABILITIES) result[capability] = present.has(capability);
  return result;
}

function toEntry(generated: GeneratedEntry): ModelEntry {
  return {
    sourceKey: generated.sourceKey,
    name: generated.name,
    provider: generated.provider,
    upstreamId: generated.upstreamId,
    mode: generated.mode,
    contextWindow: generated.contextWindow,
    maxOutputTokens: generated.maxOutputTokens,
    pricing: generated.pricing,
    capabilities: capabilitiesOf(generated.capabilities),
    deprecationDate: generated.deprecationDate,
  };
}

/**
 * The model table with every lookup precomputed: `resolve` does at most five Map reads and never
 * scans. See README "Resolution rules" for the order in which names, routes and aliases win.
 */
export class ModelCatalog {
  private static loaded: ModelCatalog | undefined;

  private readonly entries: readonly ModelEntry[];
  private readonly routePrefixes = new Map<string, string>();
  private readonly scopes = new Map<string, ProviderScope>();
  private readonly bareExact: Map<string, ModelEntry>;
  private readonly bareAlias: Map<string, ModelEntry>;

  /** The committed catalog, built on first call and shared afterwards. */
  static load(): ModelCatalog {
    ModelCatalog.loaded ??= new ModelCatalog(generatedCatalog as unknown as GeneratedCatalog);
    return ModelCatalog.loaded;
  }

  /** A catalog over other data (tests, or a catalog generated elsewhere). */
  static fromData(data: GeneratedCatalog): ModelCatalog {
    return new ModelCatalog(data);
  }

  private constructor(data: GeneratedCatalog) {
    for (const [prefix, provider] of Object.entries(data.routePrefixes)) {
      this.routePrefixes.set(prefix.toLowerCase(), provider);
    }
    const indexed: Indexed[] = data.entries.map((generated) => ({
      entry: toEntry(generated),
      routePrefixed: generated.routePrefixed,
    }));
    this.entries = indexed.map(({ entry }) => entry);
    for (const { entry } of indexed) {
      this.routePrefixes.set(entry.provider.toLowerCase(), entry.provider);
    }
    this.buildScopes(indexed);
    this.bareAlias = this.buildBareAliases(indexed);
    this.bareExact = this.buildBareExact(indexed);
  }

  // Within one provider: exact names first; two sources for one name (`deepseek-chat` and
  // `deepseek/deepseek-chat`) go to the one LiteLLM keyed with the route prefix.
  private buildScopes(indexed: readonly Indexed[]): void {
    const byProvider = new Map<string, Indexed[]>();
    for (const item of indexed) {
      const list = byProvider.get(item.entry.provider) ?? [];
      list.push(item);
      byProvider.set(item.entry.provider, list);
    }
    for (const [provider, items] of byProvider) {
      const exact = new Election();
      const alias = new Election();
      for (const { entry, routePrefixed } of items) {
        const tie = [routePrefixed ? 0 : 1, entry.sourceKey];
        exact.offer(entry.name, entry, tie);
        const key = normalizeModelKey(entry.name);
        alias.offer(key, entry, [EXACT, 0, ...tie]);
        const dated = splitDatedName(key);
        if (dated) alias.offer(dated.base, entry, [UNDATED_ALIAS, -dated.date, ...tie]);
      }
      this.scopes.set(provider, {
        exact: exact.winners(),
        alias: alias.winners(),
        entries: items.map(({ entry }) => entry),
      });
    }
  }

  // Across providers: the maker's own API first (claude-* → anthropic), then exact names before
  // undated aliases, then the provider LiteLLM uses for the bare key, then providers callable
  // without per-account setup (a default base URL), then the newest date, then provider id so
  // the outcome never depends on file order.
  private buildBareAliases(indexed: readonly Indexed[]): Map<string, ModelEntry> {
    // Names LiteLLM lists without a route prefix: its own default provider for that bare name.
    const bareDefaults = new Set(
      indexed
        .filter((item) => !item.routePrefixed)
        .map(({ entry }) => `${entry.provider}\u0000${normalizeModelKey(entry.name)}`),
    );
    const election = new Election();
    for (const { entry, routePrefixed } of indexed) {
      const key = normalizeModelKey(entry.name);
      const maker = firstPartyProvider(key);
      const firstParty = entry.provider === maker ? 0 : 1;
      const bareDefault = bareDefaults.has(`${entry.provider}\u0000${key}`) ? 0 : 1;
      const reachable = getProvider(entry.provider)?.baseUrl === undefined ? 1 : 0;
      const head = [bareDefault, reachable];
      // Within the chosen provider, the same tie-break as a provider-scoped lookup.
      const tail = [entry.provider, routePrefixed ? 0 : 1, entry.sourceKey];
      election.offer(key, entry, [firstParty, EXACT, ...head, 0, ...tail]);
      const dated = splitDatedName(key);
      if (dated) {
        election.offer(dated.base, entry, [
          firstParty,
          UNDATED_ALIAS,
          ...head,
          -dated.date,
          ...tail,
        ]);
      }
    }
    return election.winners();
  }

  // An exact spelling keeps its own entry unless the maker's API claims the same lookup key:
  // `claude-opus-4.5` is Anthropic's model even though GitHub Copilot lists that exact spelling.
  private buildBareExact(indexed: readonly Indexed[]): Map<string, ModelEntry> {
    const election = new Election();
    for (const { entry, routePrefixed } of indexed) {
      const maker = firstPartyProvider(entry.name);
      election.offer(entry.name, entry, [
        entry.provider === maker ? 0 : 1,
        entry.provider,
        routePrefixed ? 0 : 1,
        entry.sourceKey,
      ]);
    }
    const winners = election.winners();
    for (const [name, entry] of winners) {
      const aliasWinner = this.bareAlias.get(normalizeModelKey(name));
      if (
        aliasWinner &&
        aliasWinner !== entry &&
        aliasWinner.provider === firstPartyProvider(name)
      ) {
        winners.set(name, aliasWinner);
      }
    }
    return winners;
  }

  /** Finds the entry for what a client sent; throws `ModelNotFoundError` with suggestions. */
  resolve(requested: string): ResolvedModel {
    const entry = this.find(requested);
    if (!entry) throw new ModelNotFoundError(requested, this.suggest(requested));
    return { entry, provider: this.providerOf(entry), requested };
  }

  get(provider: string, name: string): ModelEntry | undefined {
    const scope = this.scopes.get(this.routePrefixes.get(provider.toLowerCase()) ?? provider);
    return scope?.exact.get(name) ?? scope?.alias.get(normalizeModelKey(name));
  }

  list(filter: ListFilter = {}): ModelEntry[] {
    const providers = filter.providers ? new Set(filter.providers) : undefined;
    return this.entries.filter(
      (entry) =>
        (filter.mode === undefined || entry.mode === filter.mode) &&
        (providers === undefined || providers.has(entry.provider)) &&
        (!filter.routableOnly || isRoutable(entry.provider)),
    );
  }

  stats(): CatalogStats {
    const providers = new Set(this.entries.map((entry) => entry.provider));
    return {
      entries: this.entries.length,
      chatModels: this.entries.filter((entry) => entry.mode === 'chat').length,
      providers: providers.size,
      routableProviders: [...providers].filter((provider) => isRoutable(provider)).length,
    };
  }

  private find(requested: string): ModelEntry | undefined {
    const text = requested.trim().replace(/^models\//i, '');
    const slash = text.indexOf('/');
    if (slash > 0) {
      const provider = this.routePrefixes.get(text.slice(0, slash).toLowerCase());
      if (provider !== undefined) {
        const scoped = this.get(provider, text.slice(slash + 1));
        if (scoped) return scoped;
      }
    }
    return this.bareExact.get(text) ?? this.bareAlias.get(normalizeModelKey(text));
  }

  private providerOf(entry: ModelEntry): ProviderSpec {
    const spec = getProvider(entry.provider);
    // Guarded by a test over the committed catalog; reaching this means a provider file is missing.
    if (!spec)
      throw new Error(`No provider registered for "${entry.provider}" (${entry.sourceKey})`);
    return spec;
  }

  private suggest(requested: string): string[] {
    const text = requested.trim().replace(/^models\//i, '');
    const slash = text.indexOf('/');
    const provider =
      slash > 0 ? this.routePrefixes.get(text.slice(0, slash).toLowerCase()) : undefined;
    const scope = provider === undefined ? undefined : this.scopes.get(provider);
    if (scope) {
      const scoped = suggestNames(
        text.slice(slash + 1),
        scope.entries.map((entry) => entry.name),
      );
      if (scoped.length > 0) return scoped.map((name) => `${provider}/${name}`);
    }
    return suggestNames(
      text,
      this.entries.map((entry) => entry.name),
    );
  }
}
