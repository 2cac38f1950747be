import { type ApiFamily, type ProviderSpec } from '../types';
import { ALL_PROVIDERS } from './all-providers';
import { ADAPTED_FAMILIES } from './families';

const byId = new Map<string, ProviderSpec>(ALL_PROVIDERS.map((spec) => [spec.id, spec]));

/** Families served by an adapter in this build: those `API_FAMILIES` gives a wire format. */
export const DEFAULT_IMPLEMENTED_FAMILIES: readonly ApiFamily[] = ADAPTED_FAMILIES;

const implemented = new Set<ApiFamily>(DEFAULT_IMPLEMENTED_FAMILIES);

/**
 * Families the gateway can dispatch to. Read-only for consumers; the app may replace its contents
 * once at boot with `setImplementedFamilies` (for example when an adapter is disabled).
 */
export const implementedFamilies: ReadonlySet<ApiFamily> = implemented;
export const IMPLEMENTED_FAMILIES = implementedFamilies;

export function setImplementedFamilies(families: Iterable<ApiFamily>): void {
  const next = [...families];
  implemented.clear();
  for (const family of next) implemented.add(family);
}

export function getProvider(id: string): ProviderSpec | undefined {
  return byId.get(id);
}

export function listProviders(): ProviderSpec[] {
  return [...ALL_PROVIDERS];
}

export function isRoutable(provider: ProviderSpec | string): boolean {
  const spec = typeof provider === 'string' ? byId.get(provider) : provider;
  return spec !== undefined && implemented.has(spec.family);
}
