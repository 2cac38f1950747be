import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { parseDto } from '../../common/parse-dto';
import { AuthService, type AuthenticatedUser } from './auth.service';
import { CredentialsDto, type JoinDto, type SessionDto, type UserDto } from './dto/credentials.dto';
import { CurrentUser, UserAuthGuard } from './user-auth.guard';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('join')
  @HttpCode(200)
  join(): Promise<JoinDto> {
    return this.auth.join();
  }

  @Post('register')
  @HttpCode(201)
  register(@Body() body: unknown): Promise<SessionDto> {
    return this.auth.register(parseDto(CredentialsDto, body));
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
    return this.auth.upgrade(user.id, parseDto(CredentialsDto, body));
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(UserAuthGuard)
  async logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.auth.logout(user);
  }

  @Get('me')
  @UseGuards(UserAuthGuard)
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return this.auth.me(user.id);
  }
}
