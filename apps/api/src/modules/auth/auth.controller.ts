import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import type { SessionList } from '@gateway/contracts';
import { parseDto } from '../../common/parse-dto';
import { AuthService, type AuthenticatedUser } from './auth.service';
import {
  CredentialsDto,
  RegisterDto,
  type JoinDto,
  type SessionDto,
  type UserDto,
} from './dto/credentials.dto';
import { SessionsService } from './sessions.service';
import { CurrentUser, UserAuthGuard } from './user-auth.guard';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('join')
  @HttpCode(200)
  join(): Promise<JoinDto> {
    return this.auth.join();
  }

  @Post('register')
  @HttpCode(201)
  register(@Body() body: unknown): Promise<SessionDto> {
    return this.auth.register(parseDto(RegisterDto, body));
  }

  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown): Promise<SessionDto> {
    return this.auth.login(parseDto(CredentialsDto, body));
  }

  @Post('upgrade')
  @HttpCode(200)
  @UseGuards(UserAuthGuard)
  upgrade(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown): Promise<SessionDto> {
    return this.auth.upgrade(user, parseDto(CredentialsDto, body));
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(UserAuthGuard)
  async logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.auth.logout(user);
  }

  @Post('logout-all')
  @HttpCode(200)
  @UseGuards(UserAuthGuard)
  logoutAll(@CurrentUser() user: AuthenticatedUser): Promise<{ sessions_ended: number }> {
    return this.auth.logoutAll(user);
  }

  @Get('sessions')
  @UseGuards(UserAuthGuard)
  async listSessions(@CurrentUser() user: AuthenticatedUser): Promise<SessionList> {
    return { sessions: await this.sessions.list(user.id, user.sessionId) };
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @UseGuards(UserAuthGuard)
  async revokeSession(
    @CurrentUser() user: AuthenticatedUser,
    @Param('sessionId') sessionId: string,
  ): Promise<void> {
    await this.auth.revokeSession(user, sessionId);
  }

  @Get('me')
  @UseGuards(UserAuthGuard)
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return this.auth.me(user.id);
  }
}
