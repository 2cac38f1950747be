import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AUDIT_TRAIL } from '../../common/audit-trail';
import { AuthModule } from '../auth/auth.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { AuditEventEntity } from './audit-event.entity';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** Binds the AuditTrail port for every module and serves `GET /audit`, `GET /gateway/:id/audit`. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity]), AuthModule, GatewaysModule],
  controllers: [AuditController],
  providers: [AuditService, AuditRepository, { provide: AUDIT_TRAIL, useExisting: AuditService }],
  exports: [AUDIT_TRAIL],
})
export class AuditModule {}
