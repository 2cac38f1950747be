import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { parseDto } from '../../common/parse-dto';
import { UserAuthGuard } from '../auth/user-auth.guard';
import { GatewayRoleGuard, type AuthorizedGateway } from '../gateways/gateway-access';
import { Grant } from '../teams/scoped-role.guard';
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
@UseGuards(UserAuthGuard, GatewayRoleGuard)
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get()
  summary(@Grant() gw: AuthorizedGateway, @Query() q: unknown): Promise<GatewaySummaryDto> {
    return this.analytics.summary(gw, parseDto(SummaryQuery, q));
  }

  @Get('timeseries')
  timeseries(@Grant() gw: AuthorizedGateway, @Query() q: unknown): Promise<TimeseriesDto> {
    return this.analytics.timeseries(gw, parseDto(TimeseriesQuery, q));
  }

  @Get('breakdown')
  breakdown(@Grant() gw: AuthorizedGateway, @Query() q: unknown): Promise<BreakdownDto> {
    return this.analytics.breakdown(gw, parseDto(BreakdownQuery, q));
  }

  @Get('logs')
  logs(@Grant() gw: AuthorizedGateway, @Query() q: unknown): Promise<LogsPageDto> {
    return this.analytics.logs(gw, parseDto(LogsQuery, q));
  }

  @Get('logs/:requestId')
  logDetail(
    @Grant() gw: AuthorizedGateway,
    @Param('requestId') requestId: string,
  ): Promise<LogDetailDto> {
    return this.analytics.logDetail(gw, requestId);
  }

  @Get('export')
  async export(
    @Grant() gw: AuthorizedGateway,
    @Query() q: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const query = parseDto(ExportQuery, q);
    const chunks = await this.analytics.export(gw, query);
    const { Readable } = await import('node:stream');
    void reply
      .header(
        'content-type',
        query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      )
      .header(
        'content-disposition',
        `attachment; filename="gateway-${gw.gatewayId}-requests.${query.format}"`,
      )
      .send(Readable.from(chunks));
  }

  @Get('live')
  async live(@Grant() gw: AuthorizedGateway, @Res() reply: FastifyReply): Promise<void> {
    await this.analytics.live(gw, reply.raw);
    reply.hijack();
  }
}
