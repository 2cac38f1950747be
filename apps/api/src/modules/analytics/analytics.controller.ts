import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { parseDto } from '../../common/parse-dto';
import type { AuthenticatedUser } from '../auth/auth.service';
import { CurrentUser, UserAuthGuard } from '../auth/user-auth.guard';
import { AnalyticsService } from './analytics.service';
import {
  BreakdownQuery,
  ExportQuery,
  LogsQuery,
  SummaryQuery,
  TimeseriesQuery,
  type BreakdownDto,
  type GatewaySummaryDto,
  type LogDetailDto,
  type LogsPageDto,
  type TimeseriesDto,
} from './dto/analytics-query.dto';

@Controller('analytics/gateway/:id')
@UseGuards(UserAuthGuard)
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get()
  summary(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() q: unknown,
  ): Promise<GatewaySummaryDto> {
    return this.analytics.summary(user.id, id, parseDto(SummaryQuery, q));
  }

  @Get('timeseries')
  timeseries(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() q: unknown,
  ): Promise<TimeseriesDto> {
    return this.analytics.timeseries(user.id, id, parseDto(TimeseriesQuery, q));
  }

  @Get('breakdown')
  breakdown(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() q: unknown,
  ): Promise<BreakdownDto> {
    return this.analytics.breakdown(user.id, id, parseDto(BreakdownQuery, q));
  }

  @Get('logs')
  logs(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() q: unknown,
  ): Promise<LogsPageDto> {
    return this.analytics.logs(user.id, id, parseDto(LogsQuery, q));
  }

  @Get('logs/:requestId')
  logDetail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('requestId') requestId: string,
  ): Promise<LogDetailDto> {
    return this.analytics.logDetail(user.id, id, requestId);
  }

  @Get('export')
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() q: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const query = parseDto(ExportQuery, q);
    const chunks = await this.analytics.export(user.id, id, query);
    const { Readable } = await import('node:stream');
    void reply
      .header(
        'content-type',
        query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      )
      .header(
        'content-disposition',
        `attachment; filename="gateway-${id}-requests.${query.format}"`,
      )
      .send(Readable.from(chunks));
  }

  @Get('live')
  async live(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.analytics.live(user.id, id, reply.raw);
    reply.hijack();
  }
}
