import { Controller, Delete, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { McpGatewayService } from './mcp-gateway.service';

/**
 * `/mcp`: the gateway's MCP endpoint. Stateless streamable HTTP: messages are POSTed; there is no
 * server-sent stream to GET and no session to DELETE, so those answer 405 as the transport says.
 */
@Controller('mcp')
export class McpController {
  constructor(private readonly gateway: McpGatewayService) {}

  @Post()
  async handle(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    // Null prototype: `?__proto__=` is a plain parameter.
    const query = Object.assign(Object.create(null) as Record<string, string>, req.query);
    await this.gateway.handle(req.raw, reply.raw, query, req.body);
  }

  @Get()
  stream(@Res() reply: FastifyReply): void {
    notAllowed(reply);
  }

  @Delete()
  endSession(@Res() reply: FastifyReply): void {
    notAllowed(reply);
  }
}

function notAllowed(reply: FastifyReply): void {
  void reply
    .status(405)
    .header('allow', 'POST')
    .send({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: 'Method not allowed: this MCP endpoint is stateless (POST only)',
      },
      id: null,
    });
}
