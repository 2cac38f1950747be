import { Injectable } from '@nestjs/common';
import type { GatewayLimits, SubjectLimits } from '@gateway/contracts';
import { InvalidRequestError } from '../../common/domain-errors';
import { GatewayEvents } from '../events/gateway-events';
import type { AuthorizedGateway } from '../gateways/gateway-access';
import { displayUsage } from '../limits/counter-windows';
import type { LimitSubject } from '../limits/limit-subject';
import { SubjectLimiter } from '../limits/subject-limiter';
import type {
  GatewayLimitsDto,
  GatewayLimitsResponseDto,
  GatewayLimitsUsageDto,
} from './dto/gateway-limits.dto';
import { endUserSubjectId, GatewayLimitsDirectory } from './gateway-limits.directory';
import { GatewayLimitsRepository } from './gateway-limits.repository';
import { mergeLimits } from './merge-limits';

/** Overrides one gateway may hold (each is a small object in memory on every replica). */
const MAX_OVERRIDES = 10_000;

/** A gateway's own limits and its end users' (owner only; strangers get 404). */
@Injectable()
export class GatewayLimitsService {
  constructor(
    private readonly repo: GatewayLimitsRepository,
    private readonly directory: GatewayLimitsDirectory,
    private readonly limiter: SubjectLimiter,
    private readonly events: GatewayEvents,
  ) {}

  async get(gw: AuthorizedGateway): Promise<GatewayLimitsResponseDto> {
    return this.directory.limitsOf(gw.gatewayId);
  }

  async update(gw: AuthorizedGateway, patch: GatewayLimitsDto): Promise<GatewayLimitsResponseDto> {
    const gatewayId = gw.gatewayId;
    const current = this.directory.limitsOf(gatewayId);
    const overrides = new Map(Object.entries(current.end_user_overrides));
    for (const [id, limits] of Object.entries(patch.end_user_overrides ?? {})) {
      if (limits === null) overrides.delete(id);
      else overrides.set(id, mergeLimits<SubjectLimits>({}, limits));
    }
    if (overrides.size > MAX_OVERRIDES) {
      throw new InvalidRequestError(
        `end_user_overrides: at most ${MAX_OVERRIDES} end users per gateway`,
        'end_user_overrides',
      );
    }
    const next: GatewayLimits = {
      gateway: patch.gateway === null ? {} : mergeLimits(current.gateway, patch.gateway ?? {}),
      end_user: patch.end_user === null ? {} : mergeLimits(current.end_user, patch.end_user ?? {}),
      end_user_overrides: Object.fromEntries(overrides),
      require_end_user: patch.require_end_user ?? current.require_end_user,
    };
    await this.repo.save(gatewayId, next);
    await this.events.emit({ kind: 'limits', gatewayId });
    return next;
  }

  /** The gateway's counters, and one end user's with `endUser`, in the current windows (USD for budgets). */
  async usage(gw: AuthorizedGateway, endUser?: string): Promise<GatewayLimitsUsageDto> {
    const gatewayId = gw.gatewayId;
    const limits = this.directory.limitsOf(gatewayId);
    const out: GatewayLimitsUsageDto = {
      gateway: {
        limits: limits.gateway,
        usage: await this.subjectUsage({ kind: 'gateway', id: gatewayId }),
      },
    };
    if (endUser !== undefined) {
      const subject = this.directory.endUserSubject(gatewayId, endUser);
      out.end_user = {
        id: endUser,
        limits: subject?.limits ?? limits.end_user,
        usage: await this.subjectUsage({
          kind: 'end_user',
          id: endUserSubjectId(gatewayId, endUser),
        }),
      };
    }
    return out;
  }

  private async subjectUsage(subject: Pick<LimitSubject, 'kind' | 'id'>) {
    return displayUsage(await this.limiter.usage(subject));
  }
}
