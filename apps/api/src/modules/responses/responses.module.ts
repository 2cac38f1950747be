import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GatewaysModule } from '../gateways/gateways.module';
import { ResponsesRetention } from './responses-retention';
import { ResponsesRepository } from './responses.repository';
import { ResponsesService } from './responses.service';
import { StoredResponseEntity } from './stored-response.entity';

/** Stored Responses API state (`previous_response_id`, retrieve, delete, input items) per gateway. */
@Module({
  imports: [TypeOrmModule.forFeature([StoredResponseEntity]), GatewaysModule],
  providers: [ResponsesService, ResponsesRepository, ResponsesRetention],
  exports: [ResponsesService],
})
export class ResponsesModule {}
