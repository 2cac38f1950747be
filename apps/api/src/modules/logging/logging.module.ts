import { Module } from '@nestjs/common';
import { AccessLogService } from './access-log.service';

/** The access log: one line per proxied request (see AccessLogService). */
@Module({ providers: [AccessLogService] })
export class LoggingModule {}
