import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { AuditQuery, type AuditPage } from '@gateway/contracts';
import { parseDto } from '../../common/parse-dto';
import { AdminGuard, UserAuthGuard } from '../auth/user-auth.guard';
import { GatewayRoleGuard, type AuthorizedGateway } from '../gateways/gateway-access';
import { Grant } from '../teams/scoped-role.guard';
import { AuditService } from './audit.service';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Everything (admins): filters action, actor, gateway_id, from, to; cursor paging. */
  @Get('audit')
  @UseGuards(AdminGuard)
  all(@Query() query: unknown): Promise<AuditPage> {
    return this.audit.page(parseDto(AuditQuery, query));
  }

  /** One gateway's events, for the admins of its team (`ENDPOINT_MIN_ROLE`). */
  @Get('gateway/:id/audit')
  @UseGuards(UserAuthGuard, GatewayRoleGuard)
  gateway(@Grant() gw: AuthorizedGateway, @Query() query: unknown): Promise<AuditPage> {
    return this.audit.page(parseDto(AuditQuery, query), gw.gatewayId);
  }
}
