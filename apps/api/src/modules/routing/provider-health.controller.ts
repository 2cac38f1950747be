import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/auth.service';
import { CurrentUser, UserAuthGuard } from '../auth/user-auth.guard';
import { BreakerStatesService } from './breaker-states.service';

/** Live breaker, latency and concurrency state of a gateway's providers (owner only). */
@Controller('gateway/:id/providers')
@UseGuards(UserAuthGuard)
export class ProviderHealthController {
  constructor(private readonly states: BreakerStatesService) {}

  @Get('health')
  health(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string) {
    return this.states.forOwner(user.id, id);
  }
}
