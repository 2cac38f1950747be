import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, changedFields, type AuditTrail } from '../../common/audit-trail';
import { InvalidRequestError, NotFoundError } from '../../common/domain-errors';
import { generateSecret, sha256Hex } from '../../common/secrets';
import { isUuid } from '../../common/uuid';
import type { AuthorizedGateway } from '../gateways/gateway-access';
import { GatewayEvents } from '../events/gateway-events';
import { KeyAdmission } from './key-admission';
import { displayUsage } from '../limits/counter-windows';
import type {
  CreateKeyDto,
  CreatedKeyDto,
  KeyDetailDto,
  KeyDto,
  UpdateKeyDto,
} from './dto/key.dto';
import type { KeyEntity, KeyLimits } from './key.entity';
import { KeysRepository } from './keys.repository';
import { mergeLimits } from './merge-limits';

function futureDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (date.getTime() <= Date.now()) {
    throw new InvalidRequestError('expires_at: must be in the future', 'expires_at');
  }
  return date;
}

/**
 * Gateway keys: many per gateway, each with its own model/provider restrictions, limits and
 * system prompt. Only the SHA-256 of a key is stored; the key is returned once, at creation.
 */
@Injectable()
export class KeysService {
  constructor(
    private readonly repo: KeysRepository,
    private readonly events: GatewayEvents,
    private readonly admission: KeyAdmission,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async create(gw: AuthorizedGateway, dto: CreateKeyDto): Promise<CreatedKeyDto> {
    const key = generateSecret(dto.prefix);
    const entity = await this.repo.create({
      id: randomUUID(),
      gatewayId: gw.gatewayId,
      name: dto.name,
      prefix: dto.prefix,
      keyHash: sha256Hex(key),
      keyLast4: key.slice(-4),
      allowedModels: dto.allowed_models,
      allowedProviders: dto.allowed_providers,
      allowedTools: dto.allowed_tools,
      enabled: dto.enabled,
      expiresAt: futureDate(dto.expires_at),
      limits: mergeLimits<KeyLimits>({}, dto.limits),
      systemPrompt: dto.system_prompt ?? null,
    });
    await this.events.emit({ kind: 'keys', gatewayId: gw.gatewayId });
    const created = toDto(entity);
    await this.audit.record({
      action: 'key.create',
      target: { type: 'key', id: entity.id },
      gatewayId: gw.gatewayId,
      details: { new: auditView(created) },
    });
    return { ...created, key };
  }

  async list(gw: AuthorizedGateway): Promise<{ keys: KeyDto[] }> {
    return { keys: (await this.repo.listForGateway(gw.gatewayId)).map(toDto) };
  }

  /**
   * One key with its counters in the current windows (requests, tokens, USD): live from Redis (or
   * memory), from Postgres for quotas and budgets Redis no longer holds.
   */
  async get(gw: AuthorizedGateway, id: string): Promise<KeyDetailDto> {
    const k = await this.requireKey(gw, id);
    const usage = await this.admission.usage({ kind: 'key', id: k.id });
    return { ...toDto(k), usage: displayUsage(usage) };
  }

  async update(gw: AuthorizedGateway, id: string, dto: UpdateKeyDto): Promise<KeyDto> {
    const k = await this.requireKey(gw, id);
    const before = auditView(toDto(k));
    if (dto.name !== undefined) k.name = dto.name;
    if (dto.allowed_models !== undefined) k.allowedModels = dto.allowed_models;
    if (dto.allowed_providers !== undefined) k.allowedProviders = dto.allowed_providers;
    if (dto.allowed_tools !== undefined) k.allowedTools = dto.allowed_tools;
    if (dto.enabled !== undefined) k.enabled = dto.enabled;
    if (dto.expires_at !== undefined) k.expiresAt = futureDate(dto.expires_at);
    if (dto.limits !== undefined) k.limits = mergeLimits(k.limits, dto.limits);
    if (dto.system_prompt !== undefined) k.systemPrompt = dto.system_prompt;
    const saved = await this.repo.save(k);
    await this.events.emit({ kind: 'keys', gatewayId: gw.gatewayId });
    const updated = toDto(saved);
    await this.audit.record({
      action: 'key.update',
      target: { type: 'key', id: saved.id },
      gatewayId: gw.gatewayId,
      details: changedFields(before, auditView(updated)),
    });
    return updated;
  }

  async delete(gw: AuthorizedGateway, id: string): Promise<void> {
    const k = await this.requireKey(gw, id);
    await this.repo.delete(k.id);
    await this.events.emit({ kind: 'keys', gatewayId: gw.gatewayId });
    await this.audit.record({
      action: 'key.delete',
      target: { type: 'key', id: k.id },
      gatewayId: gw.gatewayId,
      details: { old: auditView(toDto(k)) },
    });
  }

  private async requireKey(gw: AuthorizedGateway, id: string): Promise<KeyEntity> {
    const k = isUuid(id) ? await this.repo.findInGateway(gw.gatewayId, id) : null;
    if (!k) throw new NotFoundError('Key');
    return k;
  }
}

/** A key as the audit log keeps it: the public shape (`key_hint`, never the key), no timestamps. */
function auditView(k: KeyDto): Record<string, unknown> {
  const { created_at: _c, updated_at: _u, ...rest } = k;
  return rest;
}

function toDto(k: KeyEntity): KeyDto {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    key_hint: `${k.prefix}…${k.keyLast4}`,
    allowed_models: k.allowedModels,
    allowed_providers: k.allowedProviders,
    allowed_tools: k.allowedTools,
    enabled: k.enabled,
    expires_at: k.expiresAt ? k.expiresAt.toISOString() : null,
    limits: { ...(k.limits as Record<string, number>) },
    system_prompt: k.systemPrompt,
    created_at: k.createdAt.toISOString(),
    updated_at: k.updatedAt.toISOString(),
  };
}
