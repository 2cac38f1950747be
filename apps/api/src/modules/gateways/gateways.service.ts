import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../../common/domain-errors';
import type { SecretBox } from '../../common/secret-box';
import { generateSecret, sha256Hex } from '../../common/secrets';
import { isUuid } from '../../common/uuid';
import { SECRET_BOX } from '../../config/config.module';
import { GatewayEvents } from '../events/gateway-events';
import {
  BODY_LOG_MAX_BYTES,
  RESPONSES_RETENTION_DAYS_DEFAULT,
  type CreatedGatewayDto,
  type GatewayCredentialsDto,
  type GatewayDto,
  type GatewaySettingsDto,
  type GatewaySettingsPatchDto,
} from './dto/gateway.dto';
import { GatewayAuthIndex } from './gateway-auth.index';
import type { GatewayEntity } from './gateway.entity';
import { GatewaysRepository } from './gateways.repository';

function toDto(g: GatewayEntity): GatewayDto {
  return { id: g.id, name: g.name, created_at: g.createdAt.toISOString() };
}

function settingsDto(
  g: Pick<GatewayEntity, 'id' | 'logBodies' | 'responsesRetentionDays'>,
): GatewaySettingsDto {
  return {
    gateway_id: g.id,
    log_bodies: g.logBodies,
    body_log_max_bytes: BODY_LOG_MAX_BYTES,
    responses_retention_days: g.responsesRetentionDays,
  };
}

@Injectable()
export class GatewaysService {
  constructor(
    private readonly repo: GatewaysRepository,
    private readonly authIndex: GatewayAuthIndex,
    private readonly events: GatewayEvents,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
  ) {}

  async create(userId: string, name: string): Promise<CreatedGatewayDto> {
    const secret = generateSecret();
    const gateway = await this.repo.create({
      id: randomUUID(),
      userId,
      name,
      secretHash: sha256Hex(secret),
      secretCiphertext: this.secretBox.encrypt(secret),
    });
    this.authIndex.put(gateway.secretHash, {
      gatewayId: gateway.id,
      userId,
      logBodies: false,
      responsesRetentionDays: RESPONSES_RETENTION_DAYS_DEFAULT,
    });
    return { gateway_id: gateway.id, secret };
  }

  async list(userId: string): Promise<{ gateways: GatewayDto[] }> {
    return { gateways: (await this.repo.listForUser(userId)).map(toDto) };
  }

  async credentials(userId: string, gatewayId: string): Promise<GatewayCredentialsDto> {
    const g = await this.requireOwned(userId, gatewayId);
    return { gateway_id: g.id, name: g.name, secret: this.secretBox.decrypt(g.secretCiphertext) };
  }

  async regenerate(userId: string, gatewayId: string): Promise<GatewayCredentialsDto> {
    const g = await this.requireOwned(userId, gatewayId);
    const secret = generateSecret();
    const secretHash = sha256Hex(secret);
    await this.repo.update(g.id, { secretHash, secretCiphertext: this.secretBox.encrypt(secret) });
    // The old secret stops working with the very next request on this replica.
    this.authIndex.removeGateway(g.id);
    this.authIndex.put(secretHash, {
      gatewayId: g.id,
      userId,
      logBodies: g.logBodies,
      responsesRetentionDays: g.responsesRetentionDays,
    });
    return { gateway_id: g.id, name: g.name, secret };
  }

  async rename(userId: string, gatewayId: string, name: string): Promise<GatewayDto> {
    const g = await this.requireOwned(userId, gatewayId);
    await this.repo.update(g.id, { name });
    return toDto({ ...g, name });
  }

  async settings(userId: string, gatewayId: string): Promise<GatewaySettingsDto> {
    return settingsDto(await this.requireOwned(userId, gatewayId));
  }

  async updateSettings(
    userId: string,
    gatewayId: string,
    patch: GatewaySettingsPatchDto,
  ): Promise<GatewaySettingsDto> {
    const g = await this.requireOwned(userId, gatewayId);
    const next = {
      logBodies: patch.log_bodies ?? g.logBodies,
      responsesRetentionDays: patch.responses_retention_days ?? g.responsesRetentionDays,
    };
    if (patch.log_bodies !== undefined || patch.responses_retention_days !== undefined) {
      await this.repo.update(g.id, next);
      this.authIndex.update(g.id, next);
      await this.events.emit({ kind: 'gateway-settings', gatewayId: g.id });
    }
    return settingsDto({ id: g.id, ...next });
  }

  async delete(userId: string, gatewayId: string): Promise<void> {
    const g = await this.requireOwned(userId, gatewayId);
    await this.repo.delete(g.id);
    this.authIndex.removeGateway(g.id);
  }

  /** Ownership check for other modules (analytics): throws 404 for a stranger's gateway. */
  async requireOwned(userId: string, gatewayId: string): Promise<GatewayEntity> {
    const g = isUuid(gatewayId) ? await this.repo.findOwned(gatewayId, userId) : null;
    if (!g) throw new NotFoundError('Gateway');
    return g;
  }
}
