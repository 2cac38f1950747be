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
  type RerankFormat,
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
export {
  ADAPTED_FAMILIES,
  API_FAMILIES,
  familyPath,
  familyUrl,
  type FamilyEndpoint,
  type FamilyPathVars,
  type FamilySpec,
  type FamilyWireFormat,
} from './providers/families';
export { costUsd, type TokenUsage } from './pricing';
export { meteredCostUsd, type BilledUnits } from './metered-pricing';
export {
  CircuitBreaker,
  DEFAULT_BREAKER,
  type BreakerSettings,
  type BreakerState,
} from './resilience/circuit-breaker';
export {
  AdaptiveLimit,
  DEFAULT_CONCURRENCY,
  type ConcurrencyMode,
  type ConcurrencySettings,
  type LimitChange,
} from './resilience/adaptive-limit';
export { ConcurrencyGate, QueueTimeoutError } from './resilience/concurrency-gate';
export { LatencyAverage } from './resilience/latency-average';
export {
  DEFAULT_RETRY,
  backoffDelayMs,
  isProviderFault,
  isRetriable,
  parseRetryAfter,
  type AttemptOutcome,
  type FailureKind,
  type RetrySettings,
} from './resilience/backoff';
export {
  STRATEGY_NAMES,
  isStrategyName,
  type RoutableCandidate,
  type StrategyName,
} from './strategies/strategy';
export { orderByPriority } from './strategies/priority';
export { orderByLatency } from './strategies/least-latency';
export { orderByHealth } from './strategies/health-first';
export { WeightedRoundRobin } from './strategies/weighted-round-robin';
export { orderCandidates } from './strategies/order-candidates';
