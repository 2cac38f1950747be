import {
  ENDPOINT_MIN_ROLE,
  GATEWAY_RESPONSE_HEADERS,
  PATH_PARAMS,
  PROXY_REQUEST_HEADERS,
  ROUTE_TAGS,
  type HeaderAnswer,
  type RouteAnswer,
  type RouteSpec,
  type RouteTag,
  type TeamRole,
  type WireFamily,
} from '@gateway/contracts';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  AUTH_SECURITY,
  ERROR_DESCRIPTIONS,
  ERROR_SCHEMAS,
  MCP_ERROR_DESCRIPTIONS,
  PROXY_ERROR_DESCRIPTIONS,
  SECURITY_SCHEMES,
} from './openapi-security';

export type JsonSchema = { [key: string]: unknown };
type Io = 'input' | 'output';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, JsonSchema>;
    securitySchemes: typeof SECURITY_SCHEMES;
    headers: Record<string, JsonSchema>;
  };
}

const COMPONENT = '#/components/schemas/';
const JSON_MEDIA = 'application/json';
const FORM_MEDIA = 'multipart/form-data';

const DESCRIPTION = [
  'One endpoint that speaks the OpenAI, Anthropic and Gemini APIs and routes any model to any provider,',
  'plus the management and analytics API of the dashboard.',
  '',
  '**Proxy endpoints** take a gateway secret or key wherever the official SDKs put theirs, answer errors in',
  "the client's own format and add `x-gateway-*` headers. Their bodies are described by their main fields;",
  "the provider's own reference (linked per operation) has the rest, which passes through or is converted.",
  '',
  '**Management endpoints** take `x-user-id` (from `POST /auth/join`) or a session token, and answer errors',
  'as `{"error": {"message", "type", "code"}}`.',
].join('\n');

/**
 * Turns zod schemas into JSON Schema 2020-12 (what OpenAPI 3.1 uses) with zod's own converter.
 * Schemas named with `.meta({ id })` become shared components; a name may not mean two shapes (an
 * input and an output side that differ must be two schemas).
 */
class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};
  readonly responses: Record<string, JsonSchema> = {};
  private readonly sides = new Map<string, Io>();

  convert(schema: z.ZodType, io: Io): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      // Refinements and transforms (a date string read as a Date) keep the JSON shape they start from.
      unrepresentable: 'any',
    }) as JsonSchema;
    const { $schema: _dialect, $defs, ...root } = json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.add(id, retarget(def) as JsonSchema, io);
    }
    return retarget(root) as JsonSchema;
  }

  /** A shared error answer (`#/components/responses/OpenAIError429`), made on first use. */
  errorResponse(
    key: string,
    family: WireFamily | undefined,
    status: number | 'default',
    headers: Record<string, JsonSchema> | undefined,
  ): JsonSchema {
    const schema = ERROR_SCHEMAS[family ?? 'management'];
    const name = `${z.globalRegistry.get(schema)?.id ?? 'Error'}${status === 'default' ? 'Upstream' : status}`;
    if (!this.responses[name]) {
      const description =
        status === 'default'
          ? "The upstream's own error status and message, in this endpoint's format."
          : errorDescriptions(family)[status];
      if (!description) throw new Error(`${key}: describe error status ${status}`);
      this.responses[name] = {
        description,
        ...(headers ? { headers } : {}),
        content: { [JSON_MEDIA]: { schema: this.convert(schema, 'output') } },
      };
    }
    return { $ref: `#/components/responses/${name}` };
  }

  private add(id: string, def: JsonSchema, io: Io): void {
    const known = this.schemas[id];
    if (known && !isDeepStrictEqual(known, def)) {
      throw new Error(
        `Schema '${id}' has two shapes (${this.sides.get(id)} and ${io}): give the request and the answer separate schemas`,
      );
    }
    this.schemas[id] = def;
    this.sides.set(id, io);
  }
}

function errorDescriptions(family: WireFamily | undefined): Record<number, string> {
  if (family === 'mcp') return MCP_ERROR_DESCRIPTIONS;
  return family ? PROXY_ERROR_DESCRIPTIONS : ERROR_DESCRIPTIONS;
}

/** `#/$defs/X` (zod's local references) → `#/components/schemas/X`. */
function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget);
  if (!value || typeof value !== 'object') return value;
  const out: JsonSchema = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')
        ? COMPONENT + v.slice('#/$defs/'.length)
        : retarget(v);
  }
  return out;
}

function splitKey(key: string): { method: string; path: string } {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space).toLowerCase(), path: key.slice(space + 1) };
}

function pathParameters(key: string, path: string, own: RouteSpec['params']): JsonSchema[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    const description = own?.[name] ?? (PATH_PARAMS as Record<string, string>)[name];
    if (!description)
      throw new Error(`${key}: describe the path parameter '${name}' in PATH_PARAMS`);
    return { name, in: 'path', required: true, description, schema: { type: 'string' } };
  });
}

function queryParameters(query: JsonSchema): JsonSchema[] {
  const properties = (query.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    schema,
  }));
}

function headerParameters(headers: Readonly<Record<string, string>>): JsonSchema[] {
  return Object.entries(headers).map(([name, description]) => ({
    name,
    in: 'header',
    required: false,
    description,
    schema: { type: 'string' },
  }));
}

/** References to the gateway headers one kind of proxy answer carries. */
function gatewayHeaders(answer: HeaderAnswer): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(GATEWAY_RESPONSE_HEADERS)
      .filter(([, h]) => (h.on as readonly HeaderAnswer[]).includes(answer))
      .map(([name]) => [name, { $ref: `#/components/headers/${name}` }]),
  );
}

/** The least team role a route scoped to one gateway or team needs (`ENDPOINT_MIN_ROLE`). */
export function minRole(key: string): TeamRole | undefined {
  const endpoint = key.replace(/\{([^}]+)\}/g, ':$1');
  return (ENDPOINT_MIN_ROLE as Record<string, TeamRole>)[endpoint];
}

/** The error statuses of a route: the ones its kind always has, plus its own. */
export function errorStatuses(key: string, spec: RouteSpec): number[] {
  const statuses = new Set<number>(spec.errors ?? []);
  if (spec.auth !== 'none') statuses.add(401);
  if (minRole(key)) statuses.add(403);
  if (spec.body || spec.upload || spec.query) statuses.add(400);
  if (spec.body || spec.upload) statuses.add(413);
  if (key.includes('{')) statuses.add(404);
  if (spec.auth === 'user' || spec.auth === 'user-query' || spec.auth === 'admin')
    statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

function operation(
  key: string,
  spec: RouteSpec,
  components: SchemaComponents,
): { path: string; method: string; op: JsonSchema } {
  const { method, path } = splitKey(key);
  // Model calls carry the gateway's request and answer headers and relay upstream errors; the MCP
  // endpoint speaks JSON-RPC and has neither.
  const proxied = spec.auth === 'gateway' && spec.family !== 'mcp';
  const parameters = [
    ...pathParameters(key, path, spec.params),
    ...(spec.query ? queryParameters(components.convert(spec.query, 'input')) : []),
    ...headerParameters({ ...(proxied ? PROXY_REQUEST_HEADERS : {}), ...spec.headers }),
  ];
  const headers = (answer: HeaderAnswer) => (proxied ? gatewayHeaders(answer) : undefined);
  const successHeaders = headers('ok');

  const answer = (a: RouteAnswer, stream?: RouteSpec['stream']): JsonSchema => {
    const content: Record<string, JsonSchema> = {};
    if (a.schema) content[JSON_MEDIA] = { schema: components.convert(a.schema, 'output') };
    for (const [media, schema] of Object.entries(a.media ?? {})) {
      content[media] = schema ? { schema: components.convert(schema, 'output') } : {};
    }
    if (stream) content[stream.media] = { schema: components.convert(stream.schema, 'output') };
    return {
      description: stream ? `${a.description} ${stream.description}` : a.description,
      ...(successHeaders && a.status < 300 ? { headers: successHeaders } : {}),
      ...(Object.keys(content).length ? { content } : {}),
    };
  };

  const responses: Record<string, JsonSchema> = {
    [spec.ok.status]: answer(spec.ok, spec.stream),
  };
  for (const also of spec.also ?? []) responses[also.status] = answer(also);
  for (const status of errorStatuses(key, spec)) {
    const kind = status === 429 ? 'limited' : 'error';
    responses[status] = components.errorResponse(key, spec.family, status, headers(kind));
  }
  if (proxied) {
    responses.default = components.errorResponse(key, spec.family, 'default', headers('upstream'));
  }

  const [media, bodySchema] = spec.upload ? [FORM_MEDIA, spec.upload] : [JSON_MEDIA, spec.body];
  const requestBody = bodySchema && {
    [media]: { schema: components.convert(bodySchema, 'input') },
  };
  const role = minRole(key);
  const description = [
    spec.description,
    role && `Needs the \`${role}\` role${role === 'owner' ? '' : ' or higher'} in the team.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const op: JsonSchema = {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(description ? { description } : {}),
    tags: [spec.tag],
    security: AUTH_SECURITY[spec.auth],
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody: { required: true, content: requestBody } } : {}),
    responses,
    ...(spec.externalDocs ? { externalDocs: spec.externalDocs } : {}),
  };
  return { path, method, op };
}

/**
 * Builds the document one route at a time, so a caller can let other work run between routes
 * (the whole table takes tens of milliseconds of CPU, which the proxy should not wait for).
 */
export class OpenApiBuilder {
  private readonly components = new SchemaComponents();
  private readonly paths: OpenApiDocument['paths'] = {};
  private readonly operationIds = new Set<string>();
  private readonly tags = new Set<RouteTag>();

  add(key: string, spec: RouteSpec): void {
    if (this.operationIds.has(spec.operationId))
      throw new Error(`${key}: operationId '${spec.operationId}' is used twice`);
    this.operationIds.add(spec.operationId);
    this.tags.add(spec.tag);
    const { path, method, op } = operation(key, spec, this.components);
    (this.paths[path] ??= {})[method] = op;
  }

  document(version: string): OpenApiDocument {
    return {
      openapi: '3.1.0',
      info: { title: 'LLM Gateway', version, description: DESCRIPTION },
      tags: (Object.keys(ROUTE_TAGS) as RouteTag[])
        .filter((t) => this.tags.has(t))
        .map((name) => ({ name, description: ROUTE_TAGS[name] })),
      paths: this.paths,
      components: {
        schemas: Object.fromEntries(
          Object.entries(this.components.schemas).sort(([a], [b]) => a.localeCompare(b)),
        ),
        responses: this.components.responses,
        securitySchemes: SECURITY_SCHEMES,
        headers: Object.fromEntries(
          Object.entries(GATEWAY_RESPONSE_HEADERS).map(([name, h]) => [
            name,
            { description: h.description, schema: { type: 'string' } },
          ]),
        ),
      },
    };
  }
}

/** The OpenAPI 3.1 document of a route table (`ROUTES` from `@gateway/contracts`). */
export function buildOpenApiDocument(
  routes: Readonly<Record<string, RouteSpec>>,
  version: string,
): OpenApiDocument {
  const builder = new OpenApiBuilder();
  for (const [key, spec] of Object.entries(routes)) builder.add(key, spec);
  return builder.document(version);
}
