export {
  CAPABILITIES,
  type ApiFamily,
  type AuthScheme,
  type Capability,
  type ModelCapabilities,
  type ModelEntry,
  type ModelPricing,
  type PricingTier,
  type ProviderSpec,
  type ResolvedModel,
} from './types';
export {
  ModelCatalog,
  type CatalogStats,
  type GeneratedCatalog,
  type GeneratedEntry,
  type ListFilter,
} from './catalog/model-catalog';
export { ModelNotFoundError } from './catalog/model-not-found.error';
export { firstPartyProvider, normalizeModelKey, splitDatedName } from './catalog/model-names';
export {
  DEFAULT_IMPLEMENTED_FAMILIES,
  IMPLEMENTED_FAMILIES,
  getProvider,
  implementedFamilies,
  isRoutable,
  listProviders,
  setImplementedFamilies,
} from './providers/provider-registry';
export { defineProvider, envPrefixOf, openAiCompatible } from './providers/define-provider';
export { costUsd, type TokenUsage } from './pricing';
