import { Controller, Get, Headers, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiReferenceService, type ServedFile } from './api-reference.service';

/** The API reference: open to everyone (it documents the API, it holds no data). */
@Controller()
export class DocsController {
  constructor(private readonly reference: ApiReferenceService) {}

  @Get('openapi.json')
  async document(
    @Headers() headers: Record<string, string | undefined>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, headers, await this.reference.openApiDocument(), 'no-cache');
  }

  @Get('docs')
  async page(
    @Headers() headers: Record<string, string | undefined>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, headers, await this.reference.page(), 'no-cache');
  }

  @Get('docs/:file')
  async asset(
    @Param('file') file: string,
    @Headers() headers: Record<string, string | undefined>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const asset = this.reference.asset(file);
    if (!asset) throw new NotFoundException(`No such file: /docs/${file}`);
    // Swagger UI's files change only with the installed version; the ETag revalidates after a day.
    send(reply, headers, await asset, 'public, max-age=86400');
  }
}

function send(
  reply: FastifyReply,
  headers: Record<string, string | undefined>,
  file: ServedFile,
  cacheControl: string,
): void {
  void reply
    .header('etag', file.etag)
    .header('cache-control', cacheControl)
    .header('vary', 'accept-encoding');
  if (headers['if-none-match'] === file.etag) {
    void reply.code(304).send();
    return;
  }
  const gzip = /\bgzip\b/.test(headers['accept-encoding'] ?? '');
  if (gzip) void reply.header('content-encoding', 'gzip');
  void reply.type(file.type).send(gzip ? file.gzipped : file.body);
}
