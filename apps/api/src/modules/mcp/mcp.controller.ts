import { All, Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { McpGatewayService } from './mcp-gateway.service';

/** `/mcp`: the gateway's MCP endpoint (POST messages; GET and DELETE answered by the SDK). */
@Controller('mcp')
export class McpController {
  constructor(private readonly gateway: McpGatewayService) {}

  @All()
  async handle(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    // Null prototype: `?__proto__=` is a plain parameter.
    const query = Object.assign(Object.create(null) as Record<string, string>, req.query);
    await this.gateway.handle(req.raw, reply.raw, query, req.body);
  }
}
