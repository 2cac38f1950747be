import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthMethodsController } from './auth-methods.controller';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';
import { UserAuthGuard } from './user-auth.guard';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity])],
  controllers: [AuthController, AuthMethodsController],
  providers: [AuthService, AuthRepository, UserAuthGuard],
  exports: [AuthService, UserAuthGuard],
})
export class AuthModule {}
