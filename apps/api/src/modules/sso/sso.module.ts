import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { TeamsModule } from '../teams/teams.module';
import { SsoController } from './sso.controller';
import { SsoRepository } from './sso.repository';
import { SsoService } from './sso.service';
import { UserIdentityEntity } from './user-identity.entity';

/** OpenID Connect single sign-on (`/auth/oidc/*`); inert unless OIDC_ISSUER_URL is set. */
@Module({
  imports: [TypeOrmModule.forFeature([UserIdentityEntity]), AuthModule, TeamsModule],
  controllers: [SsoController],
  providers: [SsoService, SsoRepository],
  exports: [SsoService],
})
export class SsoModule {}
