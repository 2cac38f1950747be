import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { AuditQuery, type AuditPage } from '@gateway/contracts';
import { parseDto } from '../../common/parse-dto';
import type { AuthenticatedUser } from '../auth/auth.service';
import { AdminGuard, CurrentUser, UserAuthGuard } from '../auth/user-auth.guard';
import { GatewaysService } from '../gateways/gateways.service';
import { AuditService } from './audit.service';

@Controller()
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly gateways: GatewaysService,
  ) {}

  /** Everything (admins): filters action, actor, gateway_id, from, to; cursor paging. */
  @Get('audit')
  @UseGuards(AdminGuard)
  all(@Query() query: unknown): Promise<AuditPage> {
    return this.audit.page(parseDto(AuditQuery, query));
  }

  /** One gateway's events, for whoever may manage it. */
  @Get('gateway/:id/audit')
  @UseGuards(UserAuthGuard)
  async gateway(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<AuditPage> {
    const gateway = await this.gateways.requireOwned(user.id, id);
    return this.audit.page(parseDto(AuditQuery, query), gateway.id);
  }
}
