import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ApiReferenceService } from './api-reference.service';
import { DocsController } from './docs.controller';

/** `GET /openapi.json` (built from the route table in @gateway/contracts) and `GET /docs` (Swagger UI). */
@Module({ controllers: [DocsController], providers: [ApiReferenceService] })
export class DocsModule implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  /**
   * `/docs/` (a trailing slash typed or linked) goes to the page. Nest drops a route's trailing
   * slash, so this one is Fastify's own. The location is relative: it holds under a proxy's prefix.
   */
  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.get('/docs/', (req, reply) => {
      const query = req.url.indexOf('?');
      return reply.redirect(`../docs${query < 0 ? '' : req.url.slice(query)}`, 308);
    });
  }
}
