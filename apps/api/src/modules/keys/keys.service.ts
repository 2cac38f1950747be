import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, changedFields, type AuditTrail } from '../../common/audit-trail';
import { InvalidRequestError, NotFoundError } from '../../common/domain-errors';
import { generateSecret, sha256Hex } from '../../common/secrets';
import { isUuid } from '../../common/uuid';
import { GatewaysService } from '../gateways/gateways.service';
import { GatewayEvents } from '../events/gateway-events';
import { KeyAdmission } from './key-admission';
import type {
  CreateKeyDto,
  CreatedKeyDto,
  KeyDto,
  KeyLimitsDto,
  UpdateKeyDto,
} from './dto/key.dto';
import type { KeyEntity, KeyLimits } from './key.entity';
import { KeysRepository } from './keys.repository';

function mergeLimits(current: KeyLimits, patch: KeyLimitsDto): KeyLimits {
  const next: Record<string, number> = { ...(current as Record<string, number>) };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null || value === undefined) delete next[name];
    else next[name] = value;
  }
  return next as KeyLimits;
}

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
    private readonly gateways: GatewaysService,
    private readonly events: GatewayEvents,
    private readonly admission: KeyAdmission,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async create(userId: string, gatewayId: string, dto: CreateKeyDto): Promise<CreatedKeyDto> {
    await this.gateways.requireOwned(userId, gatewayId);
    const key = generateSecret(dto.prefix);
    const entity = await this.repo.create({
      id: randomUUID(),
      gatewayId,
      name: dto.name,
      prefix: dto.prefix,
      keyHash: sha256Hex(key),
      keyLast4: key.slice(-4),
      allowedModels: dto.allowed_models,
      allowedProviders: dto.allowed_providers,
      enabled: dto.enabled,
      expiresAt: futureDate(dto.expires_at),
      limits: mergeLimits({}, dto.limits),
      systemPrompt: dto.system_prompt ?? null,
    });
    await this.events.emit({ kind: 'keys', gatewayId });
    const created = toDto(entity);
    await this.audit.record({
      action: 'key.create',
      target: { type: 'key', id: entity.id },
      gatewayId,
      details: { new: auditView(created) },
    });
    return { ...created, key };
  }

  async list(userId: string, gatewayId: string): Promise<{ keys: KeyDto[] }> {
    await this.gateways.requireOwned(userId, gatewayId);
    return { keys: (await this.repo.listForGateway(gatewayId)).map(toDto) };
  }

  /** One key with its counters in the current windows (requests, tokens, USD). */
  async get(
    userId: string,
    gatewayId: string,
    id: string,
  ): Promise<KeyDto & { usage: Record<string, number> }> {
    const k = await this.requireKey(userId, gatewayId, id);
    const usage = await this.admission.usage(k);
    const out: Record<string, number> = {};
    for (const [name, value] of Object.entries(usage)) {
      out[name] = name.startsWith('budget_') ? value / 1e9 : value;
    }
    return { ...toDto(k), usage: out };
  }

  async update(userId: string, gatewayId: string, id: string, dto: UpdateKeyDto): Promise<KeyDto> {
    const k = await this.requireKey(userId, gatewayId, id);
    const before = auditView(toDto(k));
    if (dto.name !== undefined) k.name = dto.name;
    if (dto.allowed_models !== undefined) k.allowedModels = dto.allowed_models;
    if (dto.allowed_providers !== undefined) k.allowedProviders = dto.allowed_providers;
    if (dto.enabled !== undefined) k.enabled = dto.enabled;
    if (dto.expires_at !== undefined) k.expiresAt = futureDate(dto.expires_at);
    if (dto.limits !== undefined) k.limits = mergeLimits(k.limits, dto.limits);
    if (dto.system_prompt !== undefined) k.systemPrompt = dto.system_prompt;
    const saved = await this.repo.save(k);
    await this.events.emit({ kind: 'keys', gatewayId });
    const updated = toDto(saved);
    await this.audit.record({
      action: 'key.update',
      target: { type: 'key', id: saved.id },
      gatewayId,
      details: changedFields(before, auditView(updated)),
    });
    return updated;
  }

  async delete(userId: string, gatewayId: string, id: string): Promise<void> {
    const k = await this.requireKey(userId, gatewayId, id);
    await this.repo.delete(k.id);
    await this.events.emit({ kind: 'keys', gatewayId });
    await this.audit.record({
      action: 'key.delete',
      target: { type: 'key', id: k.id },
      gatewayId,
      details: { old: auditView(toDto(k)) },
    });
  }

  private async requireKey(userId: string, gatewayId: string, id: string): Promise<KeyEntity> {
    await this.gateways.requireOwned(userId, gatewayId);
    const k = isUuid(id) ? await this.repo.findInGateway(gatewayId, id) : null;
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
    enabled: k.enabled,
    expires_at: k.expiresAt ? k.expiresAt.toISOString() : null,
    limits: { ...(k.limits as Record<string, number>) },
    system_prompt: k.systemPrompt,
    created_at: k.createdAt.toISOString(),
    updated_at: k.updatedAt.toISOString(),
  };
}
