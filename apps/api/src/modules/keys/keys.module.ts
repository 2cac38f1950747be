import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { KeyAdmission } from './key-admission';
import { KeyDirectory } from './key-directory';
import { KeyEntity } from './key.entity';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  imports: [TypeOrmModule.forFeature([KeyEntity]), AuthModule, GatewaysModule],
  controllers: [KeysController],
  providers: [KeysService, KeysRepository, KeyDirectory, KeyAdmission],
  exports: [KeysService, KeyDirectory, KeyAdmission],
})
export class KeysModule {}
