import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import { parseDto } from '../../common/parse-dto';
import type { Caller } from '../auth/caller';
import { CurrentCaller, UserAuthGuard } from '../auth/user-auth.guard';
import {
  AddMemberDto,
  TeamNameDto,
  TransferTeamDto,
  UpdateMemberDto,
  type TeamDto,
  type TeamListDto,
  type TeamMemberDto,
  type TeamMemberListDto,
} from './dto/team.dto';
import { Grant, TeamRoleGuard } from './scoped-role.guard';
import type { AuthorizedTeam } from './team-access';
import { TeamsService } from './teams.service';

@Controller('teams')
@UseGuards(UserAuthGuard, TeamRoleGuard)
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post()
  @HttpCode(201)
  create(@CurrentCaller() caller: Caller, @Body() body: unknown): Promise<TeamDto> {
    return this.teams.create(caller, parseDto(TeamNameDto, body).name);
  }

  @Get()
  list(@CurrentCaller() caller: Caller): Promise<TeamListDto> {
    return this.teams.list(caller);
  }

  @Get(':id')
  get(@Grant() team: AuthorizedTeam): Promise<TeamDto> {
    return this.teams.get(team);
  }

  @Patch(':id')
  rename(@Grant() team: AuthorizedTeam, @Body() body: unknown): Promise<TeamDto> {
    return this.teams.rename(team, parseDto(TeamNameDto, body).name);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Grant() team: AuthorizedTeam): Promise<void> {
    await this.teams.delete(team);
  }

  @Get(':id/members')
  members(@Grant() team: AuthorizedTeam): Promise<TeamMemberListDto> {
    return this.teams.members(team);
  }

  @Post(':id/members')
  @HttpCode(201)
  addMember(
    @CurrentCaller() caller: Caller,
    @Grant() team: AuthorizedTeam,
    @Body() body: unknown,
  ): Promise<TeamMemberDto> {
    return this.teams.addMember(caller, team, parseDto(AddMemberDto, body));
  }

  @Patch(':id/members/:userId')
  changeRole(
    @CurrentCaller() caller: Caller,
    @Grant() team: AuthorizedTeam,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<TeamMemberDto> {
    return this.teams.changeRole(caller, team, userId, parseDto(UpdateMemberDto, body).role);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  async removeMember(
    @CurrentCaller() caller: Caller,
    @Grant() team: AuthorizedTeam,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.teams.removeMember(caller, team, userId);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  transfer(
    @CurrentCaller() caller: Caller,
    @Grant() team: AuthorizedTeam,
    @Body() body: unknown,
  ): Promise<TeamDto> {
    return this.teams.transfer(caller, team, parseDto(TransferTeamDto, body).user_id);
  }
}
