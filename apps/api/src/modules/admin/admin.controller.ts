import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  AdminGatewaysQuery,
  AdminListQuery,
  CreateInviteBody,
  CreateUserBody,
  UpdateUserBody,
  type AdminGatewayList,
  type AdminStatus,
  type AdminUser,
  type AdminUserList,
  type CreatedInvite,
  type EnvGrant,
  type InviteList,
} from '@gateway/contracts';
import { parseDto } from '../../common/parse-dto';
import { AccountsService } from '../auth/accounts.service';
import type { AuthenticatedUser } from '../auth/auth.service';
import { InvitesService } from '../auth/invites.service';
import { AdminGuard, CurrentUser } from '../auth/user-auth.guard';
import { AdminService } from './admin.service';

/** The operator's API: ADMIN_API_KEY as `Authorization: Bearer`, or a user with role admin. */
@Controller('admin')
@UseGuards(AdminGuard)
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly accounts: AccountsService,
    private readonly invites: InvitesService,
  ) {}

  @Get('status')
  status(): AdminStatus {
    return this.admin.status();
  }

  @Post('users')
  @HttpCode(201)
  createUser(@Body() body: unknown): Promise<AdminUser> {
    return this.accounts.create(parseDto(CreateUserBody, body));
  }

  @Get('users')
  listUsers(@Query() query: unknown): Promise<AdminUserList> {
    return this.accounts.list(parseDto(AdminListQuery, query).q);
  }

  @Patch('users/:uid')
  updateUser(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('uid') id: string,
    @Body() body: unknown,
  ): Promise<AdminUser> {
    return this.accounts.update(caller, id, parseDto(UpdateUserBody, body));
  }

  @Put('users/:uid/env-grant')
  grantEnv(@CurrentUser() caller: AuthenticatedUser, @Param('uid') id: string): Promise<EnvGrant> {
    return this.accounts.grantEnv(caller, id);
  }

  @Delete('users/:uid/env-grant')
  revokeEnv(@Param('uid') id: string): Promise<EnvGrant> {
    return this.accounts.revokeEnv(id);
  }

  @Post('invites')
  @HttpCode(201)
  createInvite(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() body: unknown,
  ): Promise<CreatedInvite> {
    return this.invites.create(caller.id, parseDto(CreateInviteBody, body));
  }

  @Get('invites')
  listInvites(): Promise<InviteList> {
    return this.invites.list();
  }

  @Delete('invites/:inviteId')
  @HttpCode(204)
  async revokeInvite(@Param('inviteId') id: string): Promise<void> {
    await this.invites.revoke(id);
  }

  @Get('gateways')
  gateways(@Query() query: unknown): Promise<AdminGatewayList> {
    return this.admin.gateways(parseDto(AdminGatewaysQuery, query).owner_id);
  }
}
