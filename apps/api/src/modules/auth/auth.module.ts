import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RedisConnection } from '../redis/redis-connection';
import { AccessDirectory } from './access-directory';
import { AccessRepository } from './access.repository';
import { AccountsService } from './accounts.service';
import { AuthMethodsController } from './auth-methods.controller';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { LOGIN_THROTTLE } from './auth.tokens';
import { Authenticator } from './authenticator';
import { EnvGrantEntity } from './env-grant.entity';
import { InviteEntity } from './invite.entity';
import { InvitesRepository } from './invites.repository';
import { InvitesService } from './invites.service';
import { LoginThrottle } from './login-throttle';
import { SessionEntity } from './session.entity';
import { SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';
import { AdminGuard, UserAuthGuard } from './user-auth.guard';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity, InviteEntity, EnvGrantEntity])],
  controllers: [AuthController, AuthMethodsController],
  providers: [
    AuthService,
    AuthRepository,
    Authenticator,
    SessionsService,
    AccessDirectory,
    AccessRepository,
    AccountsService,
    InvitesService,
    InvitesRepository,
    UserAuthGuard,
    AdminGuard,
    {
      provide: LOGIN_THROTTLE,
      inject: [APP_CONFIG, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) =>
        new LoginThrottle({ redis: redis.client, keyPrefix: redis.prefix, ...config.access.login }),
    },
  ],
  exports: [
    AuthService,
    Authenticator,
    AccessDirectory,
    AccountsService,
    InvitesService,
    UserAuthGuard,
    AdminGuard,
  ],
})
export class AuthModule {}
