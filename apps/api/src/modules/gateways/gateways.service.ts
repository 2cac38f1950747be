import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_TRAIL, changedFields, type AuditTrail } from '../../common/audit-trail';
import { NotFoundError } from '../../common/domain-errors';
import type { SecretBox } from '../../common/secret-box';
import { generateSecret, sha256Hex } from '../../common/secrets';
import { isUuid } from '../../common/uuid';
import { SECRET_BOX } from '../../config/config.module';
import { AccessDirectory } from '../auth/access-directory';
import {
  BODY_LOG_MAX_BYTES,
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

@Injectable()
export class GatewaysService {
  constructor(
    private readonly repo: GatewaysRepository,
    private readonly authIndex: GatewayAuthIndex,
    private readonly access: AccessDirectory,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
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
    this.authIndex.put(gateway.secretHash, { gatewayId: gateway.id, userId, logBodies: false });
    await this.audit.record({
      action: 'gateway.create',
      target: { type: 'gateway', id: gateway.id },
      gatewayId: gateway.id,
      details: { name },
    });
    return { gateway_id: gateway.id, secret };
  }

  async list(userId: string): Promise<{ gateways: GatewayDto[] }> {
    return { gateways: (await this.repo.listForUser(userId)).map(toDto) };
  }

  async credentials(userId: string, gatewayId: string): Promise<GatewayCredentialsDto> {
    const g = await this.requireOwned(userId, gatewayId);
    const secret = this.secretBox.decrypt(g.secretCiphertext);
    await this.audit.record({
      action: 'gateway.secret_reveal',
      target: { type: 'gateway', id: g.id },
      gatewayId: g.id,
    });
    return { gateway_id: g.id, name: g.name, secret };
  }

  async regenerate(userId: string, gatewayId: string): Promise<GatewayCredentialsDto> {
    const g = await this.requireOwned(userId, gatewayId);
    const secret = generateSecret();
    const secretHash = sha256Hex(secret);
    await this.repo.update(g.id, { secretHash, secretCiphertext: this.secretBox.encrypt(secret) });
    // The old secret stops working with the very next request on this replica.
    this.authIndex.removeGateway(g.id);
    this.authIndex.put(secretHash, { gatewayId: g.id, userId: g.userId, logBodies: g.logBodies });
    await this.audit.record({
      action: 'gateway.secret_regenerate',
      target: { type: 'gateway', id: g.id },
      gatewayId: g.id,
    });
    return { gateway_id: g.id, name: g.name, secret };
  }

  async rename(userId: string, gatewayId: string, name: string): Promise<GatewayDto> {
    const g = await this.requireOwned(userId, gatewayId);
    await this.repo.update(g.id, { name });
    await this.audit.record({
      action: 'gateway.rename',
      target: { type: 'gateway', id: g.id },
      gatewayId: g.id,
      details: { old: { name: g.name }, new: { name } },
    });
    return toDto({ ...g, name });
  }

  async settings(userId: string, gatewayId: string): Promise<GatewaySettingsDto> {
    const g = await this.requireOwned(userId, gatewayId);
    return { gateway_id: g.id, log_bodies: g.logBodies, body_log_max_bytes: BODY_LOG_MAX_BYTES };
  }

  async updateSettings(
    userId: string,
    gatewayId: string,
    patch: GatewaySettingsPatchDto,
  ): Promise<GatewaySettingsDto> {
    const g = await this.requireOwned(userId, gatewayId);
    if (patch.log_bodies !== undefined) {
      await this.repo.update(g.id, { logBodies: patch.log_bodies });
      this.authIndex.update(g.id, { logBodies: patch.log_bodies });
      await this.audit.record({
        action: 'gateway.settings_update',
        target: { type: 'gateway', id: g.id },
        gatewayId: g.id,
        details: changedFields({ log_bodies: g.logBodies }, { log_bodies: patch.log_bodies }),
      });
    }
    return {
      gateway_id: g.id,
      log_bodies: patch.log_bodies ?? g.logBodies,
      body_log_max_bytes: BODY_LOG_MAX_BYTES,
    };
  }

  async delete(userId: string, gatewayId: string): Promise<void> {
    const g = await this.requireOwned(userId, gatewayId);
    await this.repo.delete(g.id);
    this.authIndex.removeGateway(g.id);
    await this.audit.record({
      action: 'gateway.delete',
      target: { type: 'gateway', id: g.id },
      gatewayId: g.id,
      details: { name: g.name, owner_id: g.userId },
    });
  }

  /** Every gateway, oldest first (the operator's view). */
  listAll(): Promise<GatewayEntity[]> {
    return this.repo.listAll();
  }

  /**
   * Ownership check for other modules (analytics): throws 404 for a stranger's gateway. Admins (and
   * ADMIN_API_KEY) may manage every gateway.
   */
  async requireOwned(userId: string, gatewayId: string): Promise<GatewayEntity> {
    if (!isUuid(gatewayId)) throw new NotFoundError('Gateway');
    const g = this.access.isAdmin(userId)
      ? await this.repo.findById(gatewayId)
      : await this.repo.findOwned(gatewayId, userId);
    if (!g) throw new NotFoundError('Gateway');
    return g;
  }
}
