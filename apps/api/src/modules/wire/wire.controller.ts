import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import type { WireExchange } from '@gateway/contracts';
import type { AuthenticatedUser } from '../auth/auth.service';
import { CurrentUser, UserAuthGuard } from '../auth/user-auth.guard';
import { WireService } from './wire.service';

@Controller('gateway/:id/wire')
@UseGuards(UserAuthGuard)
export class WireController {
  constructor(private readonly wire: WireService) {}

  @Get(':requestId')
  read(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('requestId') requestId: string,
  ): Promise<WireExchange> {
    return this.wire.read(user.id, id, requestId);
  }
}
