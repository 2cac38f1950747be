import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { TeamAccess } from './team-access';
import { TeamMemberEntity } from './team-member.entity';
import { TeamEntity } from './team.entity';
import { TeamRoleGuard } from './scoped-role.guard';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

/** Teams own gateways; members have roles. `TeamAccess` is the role check every module uses. */
@Module({
  imports: [TypeOrmModule.forFeature([TeamEntity, TeamMemberEntity]), AuthModule],
  controllers: [TeamsController],
  providers: [TeamsService, TeamsRepository, TeamAccess, TeamRoleGuard],
  exports: [TeamsService, TeamAccess],
})
export class TeamsModule {}
