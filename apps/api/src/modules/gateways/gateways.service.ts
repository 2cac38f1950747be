import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { TeamRole } from '@gateway/contracts';
import { AUDIT_TRAIL, changedFields, type AuditTrail } from '../../common/audit-trail';
import { NotFoundError } from '../../common/domain-errors';
import type { SecretBox } from '../../common/secret-box';
import { generateSecret, sha256Hex } from '../../common/secrets';
import { SECRET_BOX } from '../../config/config.module';
import type { Caller } from '../auth/caller';
import { GatewayEvents } from '../events/gateway-events';
import { TeamAccess } from '../teams/team-access';
import {
  BODY_LOG_MAX_BYTES,
  RESPONSES_RETENTION_DAYS_DEFAULT,
  type CreateGatewayDto,
  type CreatedGatewayDto,
  type GatewayCredentialsDto,
  type GatewayDto,
  type GatewayListDto,
  type GatewaySettingsDto,
  type GatewaySettingsPatchDto,
} from './dto/gateway.dto';
import type { AuthorizedGateway } from './gateway-access';
import { GatewayAuthIndex, toIdentity } from './gateway-auth.index';
import type { GatewayEntity } from './gateway.entity';
import { GatewaysRepository } from './gateways.repository';

function toDto(g: GatewayEntity, role: TeamRole): GatewayDto {
  return {
    id: g.id,
    name: g.name,
    created_at: g.createdAt.toISOString(),
    team_id: g.teamId,
    role,
  };
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

/**
 * Gateways and their secrets. Methods taking an `AuthorizedGateway` run behind `GatewayRoleGuard`
 * (the caller's role was checked against `ENDPOINT_MIN_ROLE`); create, list and move check the team
 * they name themselves.
 */
@Injectable()
export class GatewaysService {
  constructor(
    private readonly repo: GatewaysRepository,
    private readonly authIndex: GatewayAuthIndex,
    private readonly teams: TeamAccess,
    private readonly events: GatewayEvents,
    @Inject(SECRET_BOX) private readonly secretBox: SecretBox,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  /** In the named team (the caller must be an admin there), else in the caller's personal team. */
  async create(caller: Caller, body: CreateGatewayDto): Promise<CreatedGatewayDto> {
    const teamId = body.team_id
      ? (await this.teams.require(caller, body.team_id, 'admin')).teamId
      : await this.teams.personalTeamId(caller.userId);
    const secret = generateSecret();
    const gateway = await this.repo.create({
      id: randomUUID(),
      userId: caller.userId,
      teamId,
      name: body.name,
      secretHash: sha256Hex(secret),
      secretCiphertext: this.secretBox.encrypt(secret),
    });
    this.authIndex.put(gateway.secretHash, {
      gatewayId: gateway.id,
      userId: caller.userId,
      logBodies: false,
      responsesRetentionDays: RESPONSES_RETENTION_DAYS_DEFAULT,
    });
    await this.events.emit({ kind: 'gateway-secret', gatewayId: gateway.id });
    await this.audit.record({
      action: 'gateway.create',
      target: { type: 'gateway', id: gateway.id },
      gatewayId: gateway.id,
      details: { name: body.name, team_id: teamId },
    });
    return { gateway_id: gateway.id, secret };
  }

  /** The gateways of every team the caller belongs to, or of one of them. */
  async list(caller: Caller, teamId?: string): Promise<GatewayListDto> {
    const roles = teamId
      ? new Map([[teamId, (await this.teams.require(caller, teamId, 'viewer')).role]])
      : await this.teams.rolesOf(caller.userId);
    const rows = await this.repo.listForTeams([...roles.keys()]);
    return { gateways: rows.map((g) => toDto(g, roles.get(g.teamId)!)) };
  }

  async credentials(gw: AuthorizedGateway): Promise<GatewayCredentialsDto> {
    const g = await this.load(gw);
    const secret = this.secretBox.decrypt(g.secretCiphertext);
    await this.audit.record({
      action: 'gateway.secret_reveal',
      target: { type: 'gateway', id: g.id },
      gatewayId: g.id,
    });
    return { gateway_id: g.id, name: g.name, secret };
  }

  async regenerate(gw: AuthorizedGateway): Promise<GatewayCredentialsDto> {
    const g = await this.load(gw);
    const secret = generateSecret();
    const secretHash = sha256Hex(secret);
    await this.repo.update(g.id, { secretHash, secretCiphertext: this.secretBox.encrypt(secret) });
    // The old secret stops working with the very next request on this replica (on the others once
    // the event below reaches them).
    this.authIndex.removeGateway(g.id);
    this.authIndex.put(secretHash, toIdentity(g));
    await this.events.emit({ kind: 'gateway-secret', gatewayId: g.id });
    await this.audit.record({
      action: 'gateway.secret_regenerate',
      target: { type: 'gateway', id: g.id },
      gatewayId: g.id,
    });
    return { gateway_id: g.id, name: g.name, secret };
  }

  async rename(gw: AuthorizedGateway, name: string): Promise<GatewayDto> {
    const g = await this.load(gw);
    await this.repo.update(g.id, { name });
    await this.audit.record({
      action: 'gateway.rename',
      target: { type: 'gateway', id: g.id },
      gatewayId: g.id,
      details: { old: { name: g.name }, new: { name } },
    });
    return toDto({ ...g, name }, gw.role);
  }

  /** Hands the gateway to another team where the caller is an admin; its secret and keys keep working. */
  async move(caller: Caller, gw: AuthorizedGateway, teamId: string): Promise<GatewayDto> {
    const target = await this.teams.require(caller, teamId, 'admin');
    const g = await this.load(gw);
    await this.repo.update(g.id, { teamId: target.teamId });
    await this.audit.record({
      action: 'gateway.move',
      target: { type: 'gateway', id: g.id },
      gatewayId: g.id,
      details: { old: { team_id: g.teamId }, new: { team_id: target.teamId } },
    });
    return toDto({ ...g, teamId: target.teamId }, target.role);
  }

  async settings(gw: AuthorizedGateway): Promise<GatewaySettingsDto> {
    return settingsDto(await this.load(gw));
  }

  async updateSettings(
    gw: AuthorizedGateway,
    patch: GatewaySettingsPatchDto,
  ): Promise<GatewaySettingsDto> {
    const g = await this.load(gw);
    const next = {
      logBodies: patch.log_bodies ?? g.logBodies,
      responsesRetentionDays: patch.responses_retention_days ?? g.responsesRetentionDays,
    };
    if (patch.log_bodies !== undefined || patch.responses_retention_days !== undefined) {
      await this.repo.update(g.id, next);
      this.authIndex.update(g.id, next);
      await this.events.emit({ kind: 'gateway-settings', gatewayId: g.id });
      await this.audit.record({
        action: 'gateway.settings_update',
        target: { type: 'gateway', id: g.id },
        gatewayId: g.id,
        details: changedFields(
          { log_bodies: g.logBodies, responses_retention_days: g.responsesRetentionDays },
          { log_bodies: next.logBodies, responses_retention_days: next.responsesRetentionDays },
        ),
      });
    }
    return settingsDto({ id: g.id, ...next });
  }

  async delete(gw: AuthorizedGateway): Promise<void> {
    const g = await this.load(gw);
    await this.repo.delete(g.id);
    this.authIndex.removeGateway(g.id);
    await this.events.emit({ kind: 'gateway-secret', gatewayId: g.id });
    await this.audit.record({
      action: 'gateway.delete',
      target: { type: 'gateway', id: g.id },
      gatewayId: g.id,
      details: { name: g.name, owner_id: g.userId, team_id: g.teamId },
    });
  }

  /** Every gateway, oldest first (the operator's view). */
  listAll(): Promise<GatewayEntity[]> {
    return this.repo.listAll();
  }

  /** The row behind a checked gateway (gone if deleted since the check). */
  private async load(gw: AuthorizedGateway): Promise<GatewayEntity> {
    const g = await this.repo.findById(gw.gatewayId);
    if (!g) throw new NotFoundError('Gateway');
    return g;
  }
}
