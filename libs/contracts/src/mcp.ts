import { z } from 'zod';

/** How the gateway reaches an MCP server: streamable HTTP, or a local command (operator's opt-in). */
export const MCP_TRANSPORTS = ['http', 'stdio'] as const;
export type McpTransport = (typeof MCP_TRANSPORTS)[number];

/** Server names prefix their tools (`<name>__<tool>`): slugs without `__`. */
export const MCP_SERVER_NAME = /^(?!.*__)[a-z0-9](?:[a-z0-9_-]{0,30}[a-z0-9])?$/;

const serverName = z
  .string()
  .trim()
  .regex(
    MCP_SERVER_NAME,
    'must be 1-32 lowercase letters, digits, - or _ (no "__"), starting and ending with a letter or digit',
  );

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const url = new URL(v);
      return /^https?:$/.test(url.protocol) && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

// Header values reach the upstream verbatim: no CR, LF or NUL (they would split or break the request).
const headers = z
  .record(
    z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'must be an HTTP header name'),
    z
      .string()
      .max(8000)
      .regex(/^[^\r\n\0]*$/, 'must not contain CR, LF or NUL'),
  )
  .refine((h) => Object.keys(h).length <= 50, 'at most 50 headers');

const fields = {
  name: serverName,
  transport: z.enum(MCP_TRANSPORTS),
  url: httpUrl.nullable(),
  command: z.string().trim().min(1).max(1000).nullable(),
  args: z.array(z.string().max(1000)).max(100),
  /** Sent on every request to the server (e.g. `Authorization: Bearer …`); stored encrypted. */
  headers,
  enabled: z.boolean(),
  timeout_ms: z.number().int().min(100).max(600_000).nullable(),
  price_per_call_usd: z.number().min(0).max(1000).nullable(),
};

/** `POST /gateway/:id/mcp-servers`. */
export const CreateMcpServerBody = z
  .object({
    ...fields,
    transport: fields.transport.default('http'),
    url: fields.url.optional(),
    command: fields.command.optional(),
    args: fields.args.default([]),
    headers: headers.default({}),
    enabled: fields.enabled.default(true),
    timeout_ms: fields.timeout_ms.optional(),
    price_per_call_usd: fields.price_per_call_usd.optional(),
  })
  .strict()
  .refine((b) => b.transport !== 'http' || !!b.url, {
    message: 'url is required for the http transport',
    path: ['url'],
  })
  .refine((b) => b.transport !== 'stdio' || !!b.command, {
    message: 'command is required for the stdio transport',
    path: ['command'],
  });
export type CreateMcpServerBody = z.infer<typeof CreateMcpServerBody>;
export type CreateMcpServerInput = z.input<typeof CreateMcpServerBody>;

/** `PATCH /gateway/:id/mcp-servers/:sid` (`headers` replaces the whole set). */
export const UpdateMcpServerBody = z.object(fields).partial().strict();
export type UpdateMcpServerBody = z.infer<typeof UpdateMcpServerBody>;

/** A registered server; header values never come back, only their names. */
export const McpServer = z
  .object({
    id: z.string(),
    name: z.string(),
    transport: z.enum(MCP_TRANSPORTS),
    url: z.string().nullable(),
    command: z.string().nullable(),
    args: z.array(z.string()),
    header_names: z
      .array(z.string())
      .describe('names of the stored headers (values stay encrypted)'),
    enabled: z.boolean(),
    timeout_ms: z.number().nullable(),
    price_per_call_usd: z.number().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'McpServer', description: 'An MCP server the gateway fronts.' });
export type McpServer = z.infer<typeof McpServer>;

/** `GET /gateway/:id/mcp-servers`. */
export const McpServerList = z
  .object({ servers: z.array(McpServer) })
  .meta({ id: 'McpServerList' });
export type McpServerList = z.infer<typeof McpServerList>;

/** `GET /gateway/:id/mcp-servers/:sid/tools`: what the server offers, under the gateway's names. */
export const McpServerTools = z
  .object({
    tools: z.array(
      z.object({
        name: z.string().describe('the name clients call it by: `<server>__<tool>`'),
        tool: z.string().describe("the server's own name of the tool"),
        description: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'McpServerTools' });
export type McpServerTools = z.infer<typeof McpServerTools>;

// ---- The gateway's own MCP endpoint (`POST /mcp`): JSON-RPC 2.0 ------------------------------------

const JsonRpcId = z.union([z.string(), z.number().int()]);

/** What an MCP client posts: a request (with `id`) or a notification; its `params` are MCP's. */
export const JsonRpcMessage = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: JsonRpcId.optional().describe('absent for a notification'),
    method: z.string().describe('e.g. `initialize`, `tools/list`, `tools/call`'),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'JsonRpcMessage' });

/** The answer to a request that succeeded. */
export const JsonRpcResult = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: JsonRpcId,
    result: z
      .record(z.string(), z.unknown())
      .describe("MCP's result: the server's capabilities, the tools, a tool's output"),
  })
  .meta({ id: 'JsonRpcResult' });

/** A refusal: of the request (HTTP 200, e.g. an unknown tool) or of the HTTP call itself (4xx). */
export const JsonRpcError = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: JsonRpcId.nullable().describe("the request's id; null when the message was not read"),
    error: z.object({
      code: z
        .number()
        .int()
        .describe(
          'JSON-RPC code: -32700 parse error, -32602 invalid params, -32001 unauthenticated',
        ),
      message: z.string(),
      data: z.unknown().optional(),
    }),
  })
  .meta({ id: 'JsonRpcError' });
