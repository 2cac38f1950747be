import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  CAPABILITIES,
  DEFAULT_CONCURRENCY,
  ModelNotFoundError,
  WeightedRoundRobin,
  backoffDelayMs,
  costUsd,
  getProvider,
  isRetriable,
  isRoutable,
  isStrategyName,
  orderCandidates,
  type BreakerSettings,
  type ConcurrencySettings,
  type ModelCatalog,
  type ModelEntry,
  type ResolvedModel,
  type StrategyName,
} from '@gateway/routing';
import Redis from 'ioredis';
import { DomainError, ErrorCode, InvalidRequestError } from '../../common/domain-errors';
import { ownValue } from '../../common/input-guards';
import type { SecretBox } from '../../common/secret-box';
import { sha256Hex } from '../../common/secrets';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, SECRET_BOX } from '../../config/config.module';
import { MODEL_CATALOG } from '../models/models.tokens';
import { UpstreamTargets } from '../proxy/upstream/upstream-targets';
import { KeyLimiter, NANO_USD } from './key-limiter';
import { HealthRegistry, type BreakerEvent, type ProviderHealth } from './provider-health';
import {
  DispatcherPool,
  matchesAny,
  toCallerKey,
  toProviderRuntime,
  type ProviderRuntime,
} from './routing-config';
import { ProviderSaturatedError } from './routing.errors';
import { RoutingRepository } from './routing.repository';
import { SharedConcurrency } from './shared-concurrency';
import { DEFAULT_ROUTING_OPTIONS, ROUTING_OPTIONS, type RoutingOptions } from './routing.tokens';
import {
  DEFAULT_ROUTING_SETTINGS,
  type Admission,
  type AdmissionRequest,
  type AttemptReport,
  type BreakerStateDto,
  type CallerKey,
  type CandidateTier,
  type RouteCandidate,
  type RoutePlan,
  type RoutingSettings,
} from './routing.types';

const REDIS_COMMAND_TIMEOUT_MS = 1_000;
const RESUBSCRIBE_MS = 2_000;

// The environment's providers have no settings of their own: effectively unlimited concurrency.
const ENV_CONCURRENCY: ConcurrencySettings = { ...DEFAULT_CONCURRENCY, mode: 'fixed', max: 1024 };

export interface PlanOptions {
  strategyOverride?: string;
  /** Restricts candidates to the key's allowed models and providers. */
  key?: CallerKey;
}

/**
 * Routing decisions for the proxy, all in memory: gateway keys (by hash), gateway providers
 * (decrypted), routing settings, per-provider health and the key limiters. Configuration is loaded
 * at boot, reloaded for one gateway when the management API changes it, and fully reloaded every
 * CREDENTIALS_REFRESH_MS to pick up other replicas' changes. With REDIS_URL, limit counters live in
 * Redis and breaker transitions are broadcast to the other replicas over pub/sub.
 */
@Injectable()
export class RoutingService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingService.name);
  private readonly instanceId = randomUUID();
  private keysByHash = new Map<string, CallerKey>();
  private providersByGateway = new Map<string, ProviderRuntime[]>();
  private providersById = new Map<string, ProviderRuntime>();
  private settingsByGateway = new Map<string, RoutingSettings>();
  private readonly dispatchers = new DispatcherPool();
  private readonly health = new HealthRegistry();
  private readonly roundRobin = new WeightedRoundRobin();
  private readonly limiter: KeyLimiter;
  private readonly redis?: Redis;
  private readonly shared?: SharedConcurrency;
  private subscriber?: Redis;
  private readonly channel: string;
  private timer?: NodeJS.Timeout;
  private resubscribeTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly repo: RoutingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
    @Inject(MODEL_CATALOG) private readonly catalog: ModelCatalog,
    private readonly targets: UpstreamTargets,
    @Optional() @Inject(ROUTING_OPTIONS) options?: RoutingOptions,
  ) {
    const prefix = (options ?? DEFAULT_ROUTING_OPTIONS).redisKeyPrefix;
    this.channel = `${prefix}breaker`;
    if (config.redisUrl) {
      // commandTimeout: a Redis that accepts connections but does not answer must not hold requests
      // (the limiters then fall back to their in-memory insurance) nor /ready.
      this.redis = new Redis(config.redisUrl, {
        maxRetriesPerRequest: 2,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      });
      this.redis.on('error', (err: Error) => this.logger.warn(`Redis: ${err.message}`));
      this.shared = new SharedConcurrency(this.redis, prefix);
    }
    this.limiter = new KeyLimiter({ redis: this.redis, keyPrefix: prefix });
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    // Not awaited: booting (and serving) must not wait for Redis; breaker broadcasts start once it answers.
    if (this.redis) this.subscribe(this.redis);
    if (this.config.credentialsRefreshMs > 0) {
      this.timer = setInterval(() => {
        this.reload().catch((err: Error) =>
          this.logger.warn(`Routing config refresh failed: ${err.message}`),
        );
      }, this.config.credentialsRefreshMs);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    this.subscriber?.disconnect();
    this.redis?.disconnect();
    await this.dispatchers.closeAll();
  }

  // ---------------------------------------------------------------- configuration

  /** Full reload of keys, providers and settings of every gateway. */
  async reload(): Promise<void> {
    const [keys, providers, settings] = await Promise.all([
      this.repo.keysOf(),
      this.repo.providersOf(),
      this.repo.settingsOf(),
    ]);
    this.keysByHash = new Map(keys.map((k) => [k.keyHash, toCallerKey(k)]));
    const byGateway = new Map<string, ProviderRuntime[]>();
    for (const p of providers) {
      const runtime = this.runtime(p);
      if (!runtime) continue;
      byGateway.set(p.gatewayId, [...(byGateway.get(p.gatewayId) ?? []), runtime]);
    }
    this.providersByGateway = byGateway;
    this.indexProviders();
    this.settingsByGateway = new Map(
      settings.map((s) => [s.gatewayId, this.withDefaults(s.settings)]),
    );
  }

  /** Reloads one gateway after a change through this replica's management API. */
  async reloadGateway(gatewayId: string): Promise<void> {
    const [keys, providers, settings] = await Promise.all([
      this.repo.keysOf(gatewayId),
      this.repo.providersOf(gatewayId),
      this.repo.settingsOf(gatewayId),
    ]);
    for (const [hash, key] of this.keysByHash) {
      if (key.gatewayId === gatewayId) this.keysByHash.delete(hash);
    }
    for (const k of keys) this.keysByHash.set(k.keyHash, toCallerKey(k));
    const runtimes = providers.flatMap((p) => this.runtime(p) ?? []);
    if (runtimes.length > 0) this.providersByGateway.set(gatewayId, runtimes);
    else this.providersByGateway.delete(gatewayId);
    this.indexProviders();
    if (settings[0]) this.settingsByGateway.set(gatewayId, this.withDefaults(settings[0].settings));
    else this.settingsByGateway.delete(gatewayId);
  }

  private indexProviders(): void {
    this.providersById = new Map(
      [...this.providersByGateway.values()].flat().map((p) => [p.id, p]),
    );
    const ids = new Set(this.providersById.keys());
    this.dispatchers.retain(ids);
    this.health.retain(ids);
  }

  settingsFor(gatewayId: string): RoutingSettings {
    return this.settingsByGateway.get(gatewayId) ?? DEFAULT_ROUTING_SETTINGS;
  }

  private withDefaults(s: Partial<RoutingSettings>): RoutingSettings {
    const d = DEFAULT_ROUTING_SETTINGS;
    return {
      ...d,
      ...s,
      retry: { ...d.retry, ...s.retry },
      breaker: { ...d.breaker, ...s.breaker },
    };
  }

  private runtime(p: Parameters<typeof toProviderRuntime>[0]): ProviderRuntime | undefined {
    try {
      return toProviderRuntime(p, this.secretBox, this.dispatchers, this.config.upstream.timeoutMs);
    } catch (err) {
      // A row that cannot be decrypted (wrong MASTER_KEY) must not take the other providers down.
      this.logger.error(`Provider ${p.id} is unusable: ${(err as Error).message}`);
      return undefined;
    }
  }

  // ---------------------------------------------------------------- keys and limits

  /** A gateway key by its secret (SHA-256 lookup); with `gatewayId`, only that gateway's. */
  authenticateKey(secret: string, gatewayId?: string): CallerKey | undefined {
    return this.authenticateKeyHash(sha256Hex(secret), gatewayId);
  }

  /** The same by the secret's SHA-256, when the caller already computed it (the proxy hashes once). */
  authenticateKeyHash(secretHash: string, gatewayId?: string): CallerKey | undefined {
    const key = this.keysByHash.get(secretHash);
    if (!key || (gatewayId !== undefined && key.gatewayId !== gatewayId)) return undefined;
    return key;
  }

  /**
   * Checks a request against its key before anything is sent: enabled, expiry, allowed models and
   * providers, max tokens, then reserves it on every rate limit, token quota and budget (429 with
   * `retry-after` and `x-ratelimit-*` headers when one is exhausted). The gateway secret itself
   * (no key) is admitted without limits.
   */
  async admit(
    caller: { gatewayId: string; key?: CallerKey },
    req: AdmissionRequest,
  ): Promise<Admission> {
    const key = caller.key;
    const base: Admission = {
      gatewayId: caller.gatewayId,
      reservations: [],
      headers: {},
      pricing: req.pricing,
      settled: false,
    };
    if (!key) return base;
    if (!key.enabled) {
      throw new DomainError(ErrorCode.Forbidden, `The key '${key.name}' is disabled`);
    }
    if (key.expiresAt !== null && key.expiresAt <= Date.now()) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `The key '${key.name}' expired at ${new Date(key.expiresAt).toISOString()}`,
      );
    }
    if (!matchesAny(key.allowedModels, req.model)) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `The key '${key.name}' may not use the model '${req.model}'`,
        { param: 'model' },
      );
    }
    // Provider restrictions may name the type, or one of the gateway's providers by id or name.
    const aliases = (this.providersByGateway.get(caller.gatewayId) ?? [])
      .filter((p) => p.spec.id === req.provider)
      .flatMap((p) => [p.id, p.name]);
    if (!matchesAny(key.allowedProviders, req.provider, ...aliases)) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `The key '${key.name}' may not use the provider '${req.provider}'`,
        { param: 'model' },
      );
    }
    const cap = key.limits.max_tokens_per_request;
    if (cap !== undefined && req.maxTokens !== undefined && req.maxTokens > cap) {
      throw new InvalidRequestError(
        `max_tokens ${req.maxTokens} exceeds this key's limit of ${cap} tokens per request`,
        'max_tokens',
      );
    }
    const maxOutput = req.maxTokens ?? cap ?? 0;
    let costNano = 0;
    if (
      key.limits.budget_usd_per_day !== undefined ||
      key.limits.budget_usd_per_month !== undefined
    ) {
      const estimate = costUsd(req.pricing, {
        inputTokens: req.estimatedInputTokens,
        outputTokens: maxOutput,
      });
      if (estimate === null) {
        // A budget is a promise: a model without a known price cannot be held to it.
        throw new DomainError(
          ErrorCode.Forbidden,
          `The key '${key.name}' has a budget and the price of '${req.model}' is unknown`,
          { param: 'model' },
        );
      }
      costNano = Math.round(estimate * NANO_USD);
    }
    const { reservations, headers } = await this.limiter.admit(key, {
      inputTokens: req.estimatedInputTokens,
      costNano,
    });
    return {
      ...base,
      keyId: key.id,
      reservations,
      headers,
      systemPrompt: key.systemPrompt ?? undefined,
      maxTokensCap: req.maxTokens === undefined ? cap : undefined,
    };
  }

  /**
   * Records what the request actually used (call once, also for failed requests: zero usage
   * refunds the reservation). `costUsd` null means unknown and is computed from the admission's
   * prices. Never throws; a store error is logged.
   */
  settle(
    admission: Admission,
    usage: { inputTokens: number; outputTokens: number },
    cost: number | null,
  ): void {
    if (admission.settled || admission.reservations.length === 0) return;
    admission.settled = true;
    const usd = cost ?? costUsd(admission.pricing, usage) ?? 0;
    this.limiter
      .settle(admission.reservations, {
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        costNano: Math.round(usd * NANO_USD),
      })
      .catch((err: Error) => this.logger.error(`Settling usage failed: ${err.message}`));
  }

  /** Counter values of one key (requests, tokens, nano-USD) in the current windows. */
  keyUsage(key: Pick<CallerKey, 'id'>) {
    return this.limiter.usage(key);
  }

  // ---------------------------------------------------------------- planning

  /**
   * The ordered list of (provider, model) attempts for a request: candidates for the requested
   * model ordered by the strategy, then those of each fallback model, then (high-availability
   * mode) any other provider with its first listed model. Providers with an open circuit are left
   * out, unless that leaves nothing that could pass its breaker now: then the plan is the one blocked
   * candidate whose circuit opened first, flagged `breakerBypassed` (see `lastResort`). The proxy
   * tries the list front to back until `deadlineAt`.
   */
  plan(gatewayId: string, requestedModel: string, opts: PlanOptions = {}): RoutePlan {
    const settings = this.settingsFor(gatewayId);
    const strategy = this.strategy(settings, opts.strategyOverride);
    const deadlineAt = Date.now() + settings.deadline_ms;
    const own = this.providersByGateway.get(gatewayId);
    const allowed = (c: RouteCandidate, model: string) =>
      !opts.key ||
      (matchesAny(opts.key.allowedModels, model, c.model.name) &&
        matchesAny(
          opts.key.allowedProviders,
          c.providerSpec.id,
          c.providerConfigId,
          c.providerName,
        ));

    const primary = this.candidatesFor(gatewayId, requestedModel, own, settings, 'primary', true);
    const tiers: RouteCandidate[][] = [primary.filter((c) => allowed(c, requestedModel))];
    const fallbackNames =
      ownValue(settings.model_fallbacks, requestedModel) ??
      (primary[0] ? ownValue(settings.model_fallbacks, primary[0].model.name) : undefined) ??
      [];
    for (const name of fallbackNames) {
      const list = this.candidatesFor(gatewayId, name, own, settings, 'model_fallback', false);
      tiers.push(list.filter((c) => allowed(c, name)));
    }
    if (settings.high_availability && own) {
      const ha = own.flatMap((p) => {
        if (!p.enabled || p.models.length === 0 || !isRoutable(p.spec)) return [];
        const c = this.ownCandidate(p, p.models[0], undefined, 'high_availability');
        return c && allowed(c, c.model.name) ? [c] : [];
      });
      tiers.push(ha);
    }

    const seen = new Set<string>();
    let candidates: RouteCandidate[] = [];
    const blocked: RouteCandidate[] = [];
    for (const tier of tiers) {
      const annotated = tier.map((c) => ({ c, ...this.routable(c, settings) }));
      for (const a of annotated) if (a.breaker === 'open') blocked.push(a.c);
      for (const a of orderCandidates(strategy, annotated, this.roundRobin)) {
        const id = `${a.c.healthKey}\u0000${a.c.upstreamModel}`;
        if (seen.has(id)) continue;
        seen.add(id);
        candidates.push({ ...a.c, timeoutMs: Math.min(a.c.timeoutMs, settings.deadline_ms) });
      }
    }
    if (!candidates.some((c) => this.healthOf(c, settings).breaker.isAvailable())) {
      const last = this.lastResort([...candidates, ...blocked], settings);
      if (last) candidates = [last];
    }
    if (candidates.length === 0) {
      if (opts.key && tiers[0].length === 0 && primary.length > 0) {
        throw new DomainError(
          ErrorCode.Forbidden,
          `The key '${opts.key.name}' may not use '${requestedModel}' through any configured provider`,
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
      gatewayId,
      requestedModel,
      strategy,
      candidates,
      deadlineAt,
      retry: {
        maxRetries: settings.retry.max_retries,
        baseMs: settings.retry.base_ms,
        maxMs: settings.retry.max_ms,
      },
    };
  }

  /**
   * When every candidate's breaker refuses (open, or half-open with its probe already out), the
   * request still goes to one of them rather than getting a 503 while nothing else could serve it:
   * the one whose circuit opened first (it has waited longest since its last failure; a failed
   * bypass re-opens its circuit, so several failing providers take turns). The attempt counts as
   * the half-open probe, and the answer carries `x-gateway-breaker: open-bypassed`.
   */
  private lastResort(
    blocked: RouteCandidate[],
    settings: RoutingSettings,
  ): RouteCandidate | undefined {
    let best: { c: RouteCandidate; openedAt: number } | undefined;
    for (const c of blocked) {
      const openedAt = this.healthOf(c, settings).breaker.openedSince ?? 0;
      if (!best || openedAt < best.openedAt) best = { c, openedAt };
    }
    if (!best) return undefined;
    return {
      ...best.c,
      timeoutMs: Math.min(best.c.timeoutMs, settings.deadline_ms),
      breakerBypassed: true,
    };
  }

  private strategy(settings: RoutingSettings, override: string | undefined): StrategyName {
    if (override === undefined || override === '') return settings.strategy;
    if (!isStrategyName(override)) {
      throw new InvalidRequestError(
        `x-gateway-strategy must be one of priority, round_robin, least_latency, health_first (got '${override}')`,
        'x-gateway-strategy',
      );
    }
    return override;
  }

  private routable(c: RouteCandidate, settings: RoutingSettings) {
    const health = this.healthOf(c, settings);
    return {
      id: c.healthKey,
      priority: c.providerConfigId === 'env' ? 0 : this.ownPriority(c),
      weight: c.providerConfigId === 'env' ? 1 : this.ownWeight(c),
      latencyMs: health.latency.average,
      breaker: health.breaker.state,
      failures: health.breaker.failureCount,
    };
  }

  private ownPriority(c: RouteCandidate): number {
    return this.findOwn(c)?.priority ?? 0;
  }

  private ownWeight(c: RouteCandidate): number {
    return this.findOwn(c)?.weight ?? 1;
  }

  private findOwn(c: RouteCandidate): ProviderRuntime | undefined {
    return this.providersById.get(c.providerConfigId);
  }

  private resolve(model: string): ResolvedModel | undefined {
    try {
      return this.catalog.resolve(model);
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
  private candidatesFor(
    gatewayId: string,
    model: string,
    own: ProviderRuntime[] | undefined,
    settings: RoutingSettings,
    tier: CandidateTier,
    strict: boolean,
  ): RouteCandidate[] {
    const resolved = this.resolve(model);
    if (own && own.length > 0) {
      const list = own.flatMap((p) => {
        if (!p.enabled || !isRoutable(p.spec)) return [];
        const c = this.ownCandidate(p, model, resolved, tier);
        return c ? [c] : [];
      });
      if (strict && list.length === 0 && !resolved && !own.some((p) => p.models.includes(model))) {
        throw this.modelNotFound(model);
      }
      return list;
    }
    if (!resolved) {
      if (strict) throw this.modelNotFound(model);
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
    if (!this.targets.isConfigured(resolved.provider) && !strict) return [];
    // Throws ProviderNotConfigured naming the variable to set.
    const target = this.targets.resolve(resolved.provider);
    return [
      {
        gatewayId,
        providerConfigId: 'env',
        providerName: resolved.provider.displayName,
        providerSpec: resolved.provider,
        baseUrl: target.baseUrl,
        authHeaders: target.authHeaders,
        upstreamModel: resolved.entry.upstreamId,
        model: resolved.entry,
        tier,
        timeoutMs: this.config.upstream.timeoutMs,
        maxRetries: settings.retry.max_retries,
        healthKey: envHealthKey(resolved.provider.id, gatewayId),
      },
    ];
  }

  private ownCandidate(
    p: ProviderRuntime,
    model: string,
    resolved: ResolvedModel | undefined,
    tier: CandidateTier,
  ): RouteCandidate | undefined {
    const canonical = resolved?.entry.name;
    let entry: ModelEntry | undefined;
    if (p.models.length === 0) {
      entry = this.catalog.get(p.spec.id, canonical ?? model);
      if (!entry) return undefined;
    } else {
      if (!p.models.includes(model) && !(canonical && p.models.includes(canonical)))
        return undefined;
      entry =
        this.catalog.get(p.spec.id, canonical ?? model) ??
        resolved?.entry ??
        unknownModel(model, p.spec.id);
    }
    if (!p.baseUrl) return undefined;
    const sameProvider = entry.provider === p.spec.id;
    return {
      gatewayId: p.gatewayId,
      providerConfigId: p.id,
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
      timeoutMs: p.timeoutMs ?? this.config.upstream.timeoutMs,
      maxRetries: p.maxRetries,
      dispatcher: p.dispatcher,
      healthKey: p.id,
    };
  }

  private modelNotFound(model: string): DomainError {
    let suggestions: string[] = [];
    try {
      this.catalog.resolve(model);
    } catch (err) {
      if (err instanceof ModelNotFoundError) suggestions = err.suggestions;
    }
    const hint = suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : '';
    return new DomainError(ErrorCode.ModelNotFound, `The model '${model}' does not exist.${hint}`, {
      param: 'model',
    });
  }

  // ---------------------------------------------------------------- health

  private breakerSettings(settings: RoutingSettings): BreakerSettings {
    return {
      failureThreshold: settings.breaker.failure_threshold,
      windowMs: settings.breaker.window_ms,
      cooldownMs: settings.breaker.cooldown_ms,
    };
  }

  private healthOf(c: RouteCandidate, settings: RoutingSettings): ProviderHealth {
    const concurrency =
      c.providerConfigId === 'env'
        ? ENV_CONCURRENCY
        : (this.findOwn(c)?.concurrency ?? ENV_CONCURRENCY);
    return this.health.get(c.healthKey, this.breakerSettings(settings), concurrency);
  }

  /**
   * A concurrency slot on the candidate's provider. `'saturated'` (synchronously) means: go to the
   * next candidate. Otherwise the promise resolves with the release function once a slot is free;
   * it rejects with `QueueTimeoutError` after the provider's queue timeout, or (Redis mode, limit
   * reached across replicas) with `ProviderSaturatedError`; both also mean "try the next one".
   * Call `report` after the attempt and the release function when the response has finished.
   */
  acquire(candidate: RouteCandidate): Promise<() => void> | 'saturated' {
    const settings = this.settingsFor(candidate.gatewayId);
    const health = this.healthOf(candidate, settings);
    if (!candidate.breakerBypassed && !health.breaker.isAvailable()) return 'saturated';
    const slot = health.gate.acquire();
    if (slot === 'saturated') return slot;
    const shared = candidate.providerConfigId === 'env' ? undefined : this.shared;
    return slot.then(async (release) => {
      let lease: string | undefined;
      if (shared) {
        const c = health.concurrencySettings;
        try {
          lease = await shared.acquireWithin(
            candidate.healthKey,
            health.limit.limit,
            Math.max(candidate.timeoutMs, 60_000) + 60_000,
            c.onSaturated === 'queue' ? c.queueTimeoutMs : 0,
          );
        } catch (err) {
          // Redis unreachable: this replica's own limit still holds.
          this.logger.warn(`Shared concurrency unavailable: ${(err as Error).message}`);
          lease = '';
        }
        if (lease === undefined) {
          release();
          throw new ProviderSaturatedError(candidate.providerName);
        }
      }
      health.breaker.tryPass();
      return () => {
        release();
        if (shared && lease) {
          shared
            .release(candidate.healthKey, lease)
            .catch((err: Error) => this.logger.warn(`Releasing a lease failed: ${err.message}`));
        }
      };
    });
  }

  /** Feeds an attempt's outcome to the provider's breaker, latency average and adaptive limit. */
  report(candidate: RouteCandidate, outcome: AttemptReport): void {
    const settings = this.settingsFor(candidate.gatewayId);
    const transition = this.healthOf(candidate, settings).report(
      outcome,
      candidate.breakerBypassed,
    );
    if (transition && this.redis) {
      const event: BreakerEvent = {
        healthKey: candidate.healthKey,
        state: transition,
        at: Date.now(),
        origin: this.instanceId,
      };
      this.redis
        .publish(this.channel, JSON.stringify(event))
        .catch((err: Error) => this.logger.warn(`Breaker broadcast failed: ${err.message}`));
    }
  }

  /** Readiness: a PING on the shared Redis connection (rejects when Redis does not answer). */
  async pingRedis(): Promise<void> {
    if (!this.redis) throw new Error('REDIS_URL is not configured');
    await this.redis.ping();
  }

  shouldRetry(outcome: Omit<AttemptReport, 'latencyMs'>): boolean {
    return isRetriable(outcome);
  }

  /** Delay before retry `attempt` (0-based) with full jitter, at least the upstream's retry-after. */
  backoffMs(attempt: number, retryAfterHeader?: string, gatewayId?: string): number {
    const retry = this.settingsFor(gatewayId ?? '').retry;
    return backoffDelayMs(
      attempt,
      { baseMs: retry.base_ms, maxMs: retry.max_ms },
      {
        retryAfter: retryAfterHeader,
      },
    );
  }

  /** Live state of the providers a gateway routes to (its own, or the configured environment ones). */
  breakerStates(gatewayId: string): BreakerStateDto[] {
    const own = this.providersByGateway.get(gatewayId);
    const rows: {
      configId: string;
      provider: string;
      name: string;
      healthKey: string;
      concurrency: ConcurrencySettings;
    }[] =
      own && own.length > 0
        ? own.map((p) => ({
            configId: p.id,
            provider: p.spec.id,
            name: p.name,
            healthKey: p.id,
            concurrency: p.concurrency,
          }))
        : Object.keys(this.config.providers).flatMap((id) => {
            const spec = getProvider(id);
            return spec && this.targets.isConfigured(spec) && isRoutable(spec)
              ? [
                  {
                    configId: 'env',
                    provider: id,
                    name: spec.displayName,
                    healthKey: envHealthKey(id, gatewayId),
                    concurrency: ENV_CONCURRENCY,
                  },
                ]
              : [];
          });
    return rows.map((r) => {
      const h = this.health.peek(r.healthKey);
      const openedAt = h?.breaker.openedSince;
      return {
        provider_config_id: r.configId,
        provider: r.provider,
        name: r.name,
        state: h?.breaker.state ?? 'closed',
        failures: h?.breaker.failureCount ?? 0,
        opened_at: openedAt === undefined ? null : new Date(openedAt).toISOString(),
        latency_avg_ms: h?.latency.average === undefined ? null : Math.round(h.latency.average),
        concurrency: {
          mode: r.concurrency.mode,
          limit:
            h?.limit.limit ??
            (r.concurrency.mode === 'fixed' ? r.concurrency.max : r.concurrency.min),
          in_flight: h?.gate.inFlight ?? 0,
          queued: h?.gate.queued ?? 0,
        },
      };
    });
  }

  private subscribe(redis: Redis): void {
    const subscriber = redis.duplicate();
    this.subscriber = subscriber;
    this.subscriber.on('error', (err: Error) =>
      this.logger.warn(`Redis subscriber: ${err.message}`),
    );
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        const event = JSON.parse(message) as BreakerEvent;
        if (event.origin !== this.instanceId) this.health.apply(event);
      } catch (err) {
        this.logger.warn(`Ignoring a malformed breaker event: ${(err as Error).message}`);
      }
    });
    // ioredis re-subscribes by itself after a reconnect, but only once a SUBSCRIBE has succeeded.
    const attempt = () => {
      subscriber.subscribe(this.channel).catch((err: Error) => {
        if (this.closed) return;
        this.logger.warn(`Breaker channel subscription failed, retrying: ${err.message}`);
        this.resubscribeTimer = setTimeout(attempt, RESUBSCRIBE_MS);
        this.resubscribeTimer.unref();
      });
    };
    attempt();
  }
}

/**
 * The environment's providers serve every gateway without providers of its own, but each gateway
 * gets its own breaker, latency average and gate for them: one tenant's failures (its requests
 * provoking 5xx, its short `deadline_ms` turning into timeouts) never close the provider to another.
 */
function envHealthKey(providerId: string, gatewayId: string): string {
  return `env:${providerId}:${gatewayId}`;
}

function unknownModel(name: string, provider: string): ModelEntry {
  // A model the gateway's own provider lists but the catalog does not know: no prices, chat mode.
  return {
    sourceKey: `${provider}/${name}`,
    name,
    provider,
    upstreamId: name,
    mode: 'chat',
    pricing: {},
    capabilities: Object.fromEntries(
      CAPABILITIES.map((c) => [c, false]),
    ) as ModelEntry['capabilities'],
  };
}
