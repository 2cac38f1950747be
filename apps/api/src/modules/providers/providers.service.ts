import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_CONCURRENCY,
  getProvider,
  type ConcurrencySettings,
  type ModelCatalog,
} from '@gateway/routing';
import {
  DomainError,
  ErrorCode,
  InvalidRequestError,
  NotFoundError,
} from '../../common/domain-errors';
import { AUDIT_TRAIL, changedFields, type AuditTrail } from '../../common/audit-trail';
import type { SecretBox } from '../../common/secret-box';
import { isUuid } from '../../common/uuid';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, SECRET_BOX } from '../../config/config.module';
import type { AuthorizedGateway } from '../gateways/gateway-access';
import { MODEL_CATALOG } from '../models/models.tokens';
import { GatewayEvents } from '../events/gateway-events';
import { ENV_CREDENTIALS, type EnvCredentials } from '../models/env-credentials';
import type {
  ConcurrencyDto,
  CreateProviderDto,
  ProviderDto,
  ProviderModelsDto,
  ProviderTestDto,
  UpdateProviderDto,
} from './dto/provider.dto';
import { ProviderCallError, fetchProviderModels, type ProviderEndpoint } from './provider-client';
import { createProxyDispatcher, maskProxyUrl } from './provider-dispatcher';
import type { ProviderEntity } from './provider.entity';
import { ProvidersRepository } from './providers.repository';

// Management actions call the provider once and wait at most this long.
const ACTION_TIMEOUT_MS = 15_000;

function toSettings(dto: ConcurrencyDto, base: ConcurrencySettings): ConcurrencySettings {
  return {
    mode: dto.mode ?? base.mode,
    max: dto.max ?? base.max,
    min: dto.min ?? base.min,
    latencyLowMs: dto.latency_low_ms ?? base.latencyLowMs,
    latencyHighMs: dto.latency_high_ms ?? base.latencyHighMs,
    errorRateThreshold: dto.error_rate_threshold ?? base.errorRateThreshold,
    increaseStep: dto.increase_step ?? base.increaseStep,
    decreaseFactor: dto.decrease_factor ?? base.decreaseFactor,
    windowMs: dto.window_ms ?? base.windowMs,
    cooldownMs: dto.cooldown_ms ?? base.cooldownMs,
    queueSize: dto.queue_size ?? base.queueSize,
    queueTimeoutMs: dto.queue_timeout_ms ?? base.queueTimeoutMs,
    onSaturated: dto.on_saturated ?? base.onSaturated,
  };
}

function toConcurrencyDto(s: ConcurrencySettings): Required<ConcurrencyDto> {
  return {
    mode: s.mode,
    max: s.max,
    min: s.min,
    latency_low_ms: s.latencyLowMs,
    latency_high_ms: s.latencyHighMs,
    error_rate_threshold: s.errorRateThreshold,
    increase_step: s.increaseStep,
    decrease_factor: s.decreaseFactor,
    window_ms: s.windowMs,
    cooldown_ms: s.cooldownMs,
    queue_size: s.queueSize,
    queue_timeout_ms: s.queueTimeoutMs,
    on_saturated: s.onSaturated,
  };
}

function validateConcurrency(s: ConcurrencySettings): void {
  if (s.min > s.max)
    throw new InvalidRequestError(
      'concurrency.min must not exceed concurrency.max',
      'concurrency.min',
    );
  if (s.latencyLowMs > s.latencyHighMs) {
    throw new InvalidRequestError(
      'concurrency.latency_low_ms must not exceed concurrency.latency_high_ms',
      'concurrency.latency_low_ms',
    );
  }
}

/** A provider as the audit log keeps it: the public shape (the key only as `key_last4`), no timestamps. */
function auditView(p: ProviderDto): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, ...rest } = p;
  return rest;
}

/** Gateway providers (bring your own key): CRUD, "test connection" and "fetch models". */
@Injectable()
export class ProvidersService {
  constructor(
    private readonly repo: ProvidersRepository,
    private readonly events: GatewayEvents,
    @Inject(ENV_CREDENTIALS) private readonly credentials: EnvCredentials,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
    @Inject(MODEL_CATALOG) private readonly catalog: ModelCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async create(gw: AuthorizedGateway, dto: CreateProviderDto): Promise<ProviderDto> {
    const spec = getProvider(dto.provider)!;
    if (spec.auth !== 'none' && !dto.api_key) {
      throw new InvalidRequestError(`api_key: ${spec.displayName} needs an API key`, 'api_key');
    }
    if (!dto.base_url && !spec.baseUrl) {
      throw new InvalidRequestError(
        `base_url: ${spec.displayName} has no default base URL; give the account's own`,
        'base_url',
      );
    }
    const concurrency = toSettings(dto.concurrency, DEFAULT_CONCURRENCY);
    validateConcurrency(concurrency);
    const entity = await this.repo.create({
      id: randomUUID(),
      gatewayId: gw.gatewayId,
      providerType: spec.id,
      name: dto.name ?? spec.displayName,
      baseUrl: dto.base_url?.replace(/\/+$/, '') ?? null,
      apiKeyCiphertext: dto.api_key ? this.secretBox.encrypt(dto.api_key) : null,
      keyLast4: dto.api_key ? dto.api_key.slice(-4) : null,
      models: dto.models,
      modelMapping: dto.model_mapping,
      priority: dto.priority,
      weight: dto.weight,
      enabled: dto.enabled,
      timeoutMs: dto.timeout_ms ?? null,
      maxRetries: dto.max_retries,
      proxyUrlCiphertext: dto.proxy_url ? this.secretBox.encrypt(dto.proxy_url) : null,
      concurrency,
    });
    await this.events.emit({ kind: 'providers', gatewayId: gw.gatewayId });
    const created = this.toDto(entity);
    await this.audit.record({
      action: 'provider.create',
      target: { type: 'provider', id: entity.id },
      gatewayId: gw.gatewayId,
      details: { new: auditView(created) },
    });
    return created;
  }

  async list(gw: AuthorizedGateway): Promise<{ providers: ProviderDto[] }> {
    const rows = await this.repo.listForGateway(gw.gatewayId);
    return { providers: rows.map((p) => this.toDto(p)) };
  }

  async get(gw: AuthorizedGateway, id: string): Promise<ProviderDto> {
    return this.toDto(await this.requireProvider(gw, id));
  }

  async update(gw: AuthorizedGateway, id: string, dto: UpdateProviderDto): Promise<ProviderDto> {
    const p = await this.requireProvider(gw, id);
    const before = auditView(this.toDto(p));
    if (dto.provider !== undefined) p.providerType = dto.provider;
    if (dto.name !== undefined) p.name = dto.name;
    if (dto.base_url !== undefined) p.baseUrl = dto.base_url?.replace(/\/+$/, '') ?? null;
    if (dto.api_key !== undefined) {
      p.apiKeyCiphertext = this.secretBox.encrypt(dto.api_key);
      p.keyLast4 = dto.api_key.slice(-4);
    }
    if (dto.models !== undefined) p.models = dto.models;
    if (dto.model_mapping !== undefined) p.modelMapping = dto.model_mapping;
    if (dto.priority !== undefined) p.priority = dto.priority;
    if (dto.weight !== undefined) p.weight = dto.weight;
    if (dto.enabled !== undefined) p.enabled = dto.enabled;
    if (dto.timeout_ms !== undefined) p.timeoutMs = dto.timeout_ms;
    if (dto.max_retries !== undefined) p.maxRetries = dto.max_retries;
    if (dto.proxy_url !== undefined) {
      p.proxyUrlCiphertext = dto.proxy_url ? this.secretBox.encrypt(dto.proxy_url) : null;
    }
    if (dto.concurrency !== undefined) {
      p.concurrency = toSettings(dto.concurrency, { ...DEFAULT_CONCURRENCY, ...p.concurrency });
      validateConcurrency(p.concurrency);
    }
    const spec = getProvider(p.providerType)!;
    if (!p.baseUrl && !spec.baseUrl) {
      throw new InvalidRequestError(`base_url: ${spec.displayName} needs a base URL`, 'base_url');
    }
    const saved = await this.repo.save(p);
    await this.events.emit({ kind: 'providers', gatewayId: gw.gatewayId });
    const updated = this.toDto(saved);
    await this.audit.record({
      action: 'provider.update',
      target: { type: 'provider', id: saved.id },
      gatewayId: gw.gatewayId,
      details: changedFields(before, auditView(updated)),
    });
    return updated;
  }

  async delete(gw: AuthorizedGateway, id: string): Promise<void> {
    const p = await this.requireProvider(gw, id);
    await this.repo.delete(p.id);
    await this.events.emit({ kind: 'providers', gatewayId: gw.gatewayId });
    await this.audit.record({
      action: 'provider.delete',
      target: { type: 'provider', id: p.id },
      gatewayId: gw.gatewayId,
      details: { old: auditView(this.toDto(p)) },
    });
  }

  /** Calls the provider's model list with the stored key; a failing provider is `ok: false`, not an error. */
  async test(gw: AuthorizedGateway, id: string): Promise<ProviderTestDto> {
    const p = await this.requireProvider(gw, id);
    const started = Date.now();
    const ep = this.endpoint(p);
    try {
      const { models, latencyMs, status } = await fetchProviderModels(ep);
      return { ok: true, status, latency_ms: latencyMs, models_count: models.length, error: null };
    } catch (err) {
      if (!(err instanceof ProviderCallError)) throw err;
      return {
        ok: false,
        status: err.status,
        latency_ms: Date.now() - started,
        models_count: null,
        error: err.message,
      };
    } finally {
      await ep.dispatcher?.close();
    }
  }

  /** The provider's own model list, marking the ids the routing table knows (and can price). */
  async models(gw: AuthorizedGateway, id: string): Promise<ProviderModelsDto> {
    const p = await this.requireProvider(gw, id);
    const ep = this.endpoint(p);
    try {
      const { models } = await fetchProviderModels(ep);
      return {
        models: models.map((m) => ({
          id: m,
          in_catalog: this.catalog.get(p.providerType, m) !== undefined,
        })),
      };
    } catch (err) {
      if (!(err instanceof ProviderCallError)) throw err;
      throw new DomainError(ErrorCode.Upstream, err.message, { status: 502 });
    } finally {
      await ep.dispatcher?.close();
    }
  }

  private endpoint(p: ProviderEntity): ProviderEndpoint {
    const spec = getProvider(p.providerType)!;
    const apiKey = p.apiKeyCiphertext ? this.secretBox.decrypt(p.apiKeyCiphertext) : undefined;
    const proxyUrl = p.proxyUrlCiphertext
      ? this.secretBox.decrypt(p.proxyUrlCiphertext)
      : undefined;
    const timeoutMs = Math.min(p.timeoutMs ?? ACTION_TIMEOUT_MS, ACTION_TIMEOUT_MS);
    return {
      spec,
      baseUrl: (p.baseUrl ?? spec.baseUrl ?? '').replace(/\/+$/, ''),
      authHeaders: this.credentials.authHeaders(spec, apiKey),
      dispatcher: proxyUrl ? createProxyDispatcher(proxyUrl, timeoutMs) : undefined,
      timeoutMs: Math.min(timeoutMs, this.config.upstream.timeoutMs),
    };
  }

  private async requireProvider(gw: AuthorizedGateway, id: string): Promise<ProviderEntity> {
    const p = isUuid(id) ? await this.repo.findInGateway(gw.gatewayId, id) : null;
    if (!p) throw new NotFoundError('Provider');
    return p;
  }

  private toDto(p: ProviderEntity): ProviderDto {
    return {
      id: p.id,
      provider: p.providerType,
      name: p.name,
      base_url: p.baseUrl,
      key_last4: p.keyLast4,
      models: p.models,
      model_mapping: p.modelMapping,
      priority: p.priority,
      weight: p.weight,
      enabled: p.enabled,
      timeout_ms: p.timeoutMs,
      max_retries: p.maxRetries,
      proxy_url: p.proxyUrlCiphertext
        ? maskProxyUrl(this.secretBox.decrypt(p.proxyUrlCiphertext))
        : null,
      concurrency: toConcurrencyDto({ ...DEFAULT_CONCURRENCY, ...p.concurrency }),
      created_at: p.createdAt.toISOString(),
      updated_at: p.updatedAt.toISOString(),
    };
  }
}
