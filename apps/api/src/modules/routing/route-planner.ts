import {
  CAPABILITIES,
  ModelNotFoundError,
  isRoutable,
  orderCandidates,
  type BreakerState,
  type ModelCatalog,
  type ModelEntry,
  type ResolvedModel,
  type StrategyName,
  type WeightedRoundRobin,
} from '@gateway/routing';
import { DomainError, ErrorCode } from '../../common/domain-errors';
import { ownValue } from '../../common/input-guards';
import { matchesAny, type CallerKey } from '../keys/caller-key';
import type { EnvCredentials } from '../models/env-credentials';
import type { ProviderRuntime } from '../providers/provider-runtime';
import type { CandidateTier, RouteCandidate, RoutePlan, RoutingSettings } from './routing.types';

/** What the planner needs to know of a candidate's provider right now. */
export interface HealthSnapshot {
  latencyMs: number | undefined;
  breaker: BreakerState;
  failures: number;
  /** Epoch ms the circuit opened, when open or half-open. */
  openedSince: number | undefined;
  /** Whether the breaker would let a request through now. */
  available: boolean;
}

/** Everything a plan depends on: configuration, health, clock and the round-robin state. */
export interface PlanInputs {
  gatewayId: string;
  requestedModel: string;
  settings: RoutingSettings;
  strategy: StrategyName;
  /** The gateway's own providers; empty means the environment's serve it. */
  own: readonly ProviderRuntime[];
  catalog: ModelCatalog;
  env: Pick<EnvCredentials, 'isConfigured' | 'resolve'>;
  health: (c: RouteCandidate) => HealthSnapshot;
  roundRobin: WeightedRoundRobin;
  now: number;
  defaultTimeoutMs: number;
  /** Restricts candidates to the key's allowed models and providers. */
  key?: CallerKey;
}

/**
 * The ordered list of (provider, model) attempts for a request: candidates for the requested
 * model ordered by the strategy, then those of each fallback model, then (high-availability
 * mode) any other provider with its first listed model. Providers with an open circuit are left
 * out, unless that leaves nothing that could pass its breaker now: then the plan is the one blocked
 * candidate whose circuit opened first, flagged `breakerBypassed` (see `lastResort`). The proxy
 * tries the list front to back until `deadlineAt`.
 */
export function planRoute(inp: PlanInputs): RoutePlan {
  const { settings, requestedModel, key } = inp;
  const ownById = new Map(inp.own.map((p) => [p.id, p]));
  const allowed = (c: RouteCandidate, model: string) =>
    !key ||
    (matchesAny(key.allowedModels, model, c.model.name) &&
      matchesAny(
        key.allowedProviders,
        c.providerSpec.id,
        ...(c.source.kind === 'gateway' ? [c.source.providerId] : []),
        c.providerName,
      ));

  const primary = candidatesFor(inp, requestedModel, 'primary', true);
  const tiers: RouteCandidate[][] = [primary.filter((c) => allowed(c, requestedModel))];
  const fallbackNames =
    ownValue(settings.model_fallbacks, requestedModel) ??
    (primary[0] ? ownValue(settings.model_fallbacks, primary[0].model.name) : undefined) ??
    [];
  for (const name of fallbackNames) {
    const list = candidatesFor(inp, name, 'model_fallback', false);
    tiers.push(list.filter((c) => allowed(c, name)));
  }
  if (settings.high_availability && inp.own.length > 0) {
    const ha = inp.own.flatMap((p) => {
      if (!p.enabled || p.models.length === 0 || !isRoutable(p.spec)) return [];
      const c = ownCandidate(inp, p, p.models[0], undefined, 'high_availability');
      return c && allowed(c, c.model.name) ? [c] : [];
    });
    tiers.push(ha);
  }

  const seen = new Set<string>();
  let candidates: RouteCandidate[] = [];
  const blocked: RouteCandidate[] = [];
  for (const tier of tiers) {
    const annotated = tier.map((c) => {
      const health = inp.health(c);
      const own = c.source.kind === 'gateway' ? ownById.get(c.source.providerId) : undefined;
      return {
        c,
        id: c.healthKey,
        priority: own?.priority ?? 0,
        weight: own?.weight ?? 1,
        latencyMs: health.latencyMs,
        breaker: health.breaker,
        failures: health.failures,
      };
    });
    for (const a of annotated) if (a.breaker === 'open') blocked.push(a.c);
    for (const a of orderCandidates(inp.strategy, annotated, inp.roundRobin)) {
      const id = `${a.c.healthKey}\u0000${a.c.upstreamModel}`;
      if (seen.has(id)) continue;
      seen.add(id);
      // Each candidate is this request's own object, its timeout capped by the deadline already.
      candidates.push(a.c);
    }
  }
  if (!candidates.some((c) => inp.health(c).available)) {
    const last = lastResort(inp, [...candidates, ...blocked]);
    if (last) candidates = [last];
  }
  if (candidates.length === 0) {
    if (key && tiers[0].length === 0 && primary.length > 0) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `The key '${key.name}' may not use '${requestedModel}' through any configured provider`,
        { param: 'model' },
      );
    }
    throw new DomainError(
      ErrorCode.ProviderNotConfigured,
      `No enabled provider of this gateway serves '${requestedModel}'`,
      { param: 'model' },
    );
  }
  return {
    gatewayId: inp.gatewayId,
    requestedModel,
    strategy: inp.strategy,
    candidates,
    deadlineAt: inp.now + settings.deadline_ms,
  };
}

/**
 * When every candidate's breaker refuses (open, or half-open with its probe already out), the
 * request still goes to one of them rather than getting a 503 while nothing else could serve it:
 * the one whose circuit opened first (it has waited longest since its last failure; a failed
 * bypass re-opens its circuit, so several failing providers take turns). The attempt counts as
 * the half-open probe, and the answer carries `x-gateway-breaker: open-bypassed`.
 */
function lastResort(inp: PlanInputs, blocked: RouteCandidate[]): RouteCandidate | undefined {
  let best: { c: RouteCandidate; openedAt: number } | undefined;
  for (const c of blocked) {
    const openedAt = inp.health(c).openedSince ?? 0;
    if (!best || openedAt < best.openedAt) best = { c, openedAt };
  }
  if (!best) return undefined;
  // Object.assign, not a spread with a field after it: that costs about 1 µs per field on Node 20.
  return Object.assign({}, best.c, { breakerBypassed: true });
}

function resolve(catalog: ModelCatalog, model: string): ResolvedModel | undefined {
  try {
    return catalog.resolve(model);
  } catch (err) {
    if (err instanceof ModelNotFoundError) return undefined;
    throw err;
  }
}

/**
 * Candidates for one model. A gateway with providers of its own uses only those (enabled ones
 * whose model list names the model, or whose provider type has it in the catalog when the list is
 * empty); otherwise the operator's environment credentials serve it.
 */
function candidatesFor(
  inp: PlanInputs,
  model: string,
  tier: CandidateTier,
  strict: boolean,
): RouteCandidate[] {
  const resolved = resolve(inp.catalog, model);
  const own = inp.own;
  if (own.length > 0) {
    const list = own.flatMap((p) => {
      if (!p.enabled || !isRoutable(p.spec)) return [];
      const c = ownCandidate(inp, p, model, resolved, tier);
      return c ? [c] : [];
    });
    if (strict && list.length === 0 && !resolved && !own.some((p) => p.models.includes(model))) {
      throw modelNotFound(inp.catalog, model);
    }
    return list;
  }
  if (!resolved) {
    if (strict) throw modelNotFound(inp.catalog, model);
    return [];
  }
  if (!isRoutable(resolved.provider)) {
    if (!strict) return [];
    throw new DomainError(
      ErrorCode.ProviderNotSupported,
      `The model '${model}' is served by ${resolved.provider.id}, whose API (${resolved.provider.family}) this gateway cannot call yet`,
      { param: 'model' },
    );
  }
  if (!inp.env.isConfigured(resolved.provider) && !strict) return [];
  // Throws ProviderNotConfigured naming the variable to set.
  const target = inp.env.resolve(resolved.provider);
  return [
    {
      gatewayId: inp.gatewayId,
      source: { kind: 'env' },
      providerName: resolved.provider.displayName,
      providerSpec: resolved.provider,
      baseUrl: target.baseUrl,
      authHeaders: target.authHeaders,
      upstreamModel: resolved.entry.upstreamId,
      model: resolved.entry,
      tier,
      timeoutMs: Math.min(inp.defaultTimeoutMs, inp.settings.deadline_ms),
      maxRetries: inp.settings.retry.max_retries,
      healthKey: envHealthKey(resolved.provider.id, inp.gatewayId),
    },
  ];
}

function ownCandidate(
  inp: PlanInputs,
  p: ProviderRuntime,
  model: string,
  resolved: ResolvedModel | undefined,
  tier: CandidateTier,
): RouteCandidate | undefined {
  const canonical = resolved?.entry.name;
  let entry: ModelEntry | undefined;
  if (p.models.length === 0) {
    entry = inp.catalog.get(p.spec.id, canonical ?? model);
    if (!entry) return undefined;
  } else {
    if (!p.models.includes(model) && !(canonical && p.models.includes(canonical))) return undefined;
    entry =
      inp.catalog.get(p.spec.id, canonical ?? model) ??
      resolved?.entry ??
      unknownModel(model, p.spec.id);
  }
  if (!p.baseUrl) return undefined;
  const sameProvider = entry.provider === p.spec.id;
  return {
    gatewayId: p.gatewayId,
    source: { kind: 'gateway', providerId: p.id },
    providerName: p.name,
    providerSpec: p.spec,
    baseUrl: p.baseUrl,
    authHeaders: p.authHeaders,
    upstreamModel:
      p.modelMapping[model] ??
      (canonical ? p.modelMapping[canonical] : undefined) ??
      (sameProvider ? entry.upstreamId : model),
    model: entry,
    tier,
    timeoutMs: Math.min(p.timeoutMs ?? inp.defaultTimeoutMs, inp.settings.deadline_ms),
    maxRetries: p.maxRetries,
    dispatcher: p.dispatcher,
    healthKey: p.id,
  };
}

export function modelNotFound(catalog: ModelCatalog, model: string): DomainError {
  let suggestions: string[] = [];
  try {
    catalog.resolve(model);
  } catch (err) {
    if (err instanceof ModelNotFoundError) suggestions = err.suggestions;
  }
  const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
  return new DomainError(ErrorCode.ModelNotFound, `The model '${model}' does not exist.${hint}`, {
    param: 'model',
  });
}

/**
 * The environment's providers serve every gateway without providers of its own, but each gateway
 * gets its own breaker, latency average and gate for them: one tenant's failures (its requests
 * provoking 5xx, its short `deadline_ms` turning into timeouts) never close the provider to another.
 */
export function envHealthKey(providerId: string, gatewayId: string): string {
  return `env:${providerId}:${gatewayId}`;
}

function unknownModel(name: string, provider: string): ModelEntry {
  // A model the gateway's own provider lists but the catalog does not know: no prices, and a mode of
  // 'unknown' that every endpoint accepts (the operator listed it for whatever it serves).
  return {
    sourceKey: `${provider}/${name}`,
    name,
    provider,
    upstreamId: name,
    mode: 'unknown',
    pricing: {},
    capabilities: Object.fromEntries(
      CAPABILITIES.map((c) => [c, false]),
    ) as ModelEntry['capabilities'],
  };
}
