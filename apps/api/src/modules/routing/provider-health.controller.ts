import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import type { ProviderHealthList } from '@gateway/contracts';
import type { AuthenticatedUser } from '../auth/auth.service';
import { CurrentUser, UserAuthGuard } from '../auth/user-auth.guard';
import { BreakerStatesService } from './breaker-states.service';

/** Live breaker, latency and concurrency state of a gateway's providers (owner only). */
@Controller('gateway/:id/providers')
@UseGuards(UserAuthGuard)
export class ProviderHealthController {
  constructor(private readonly states: BreakerStatesService) {}

  @Get('health')
  health(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
  ): Promise<ProviderHealthList> {
    return this.states.forOwner(user.id, id);
  }
}
