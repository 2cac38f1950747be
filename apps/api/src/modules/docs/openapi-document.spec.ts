import { ENDPOINT_MIN_ROLE, ROUTES, type RouteSpec, type ScopedEndpoint } from '@gateway/contracts';
// ajv is installed (Fastify's and the MCP SDK's validator) but not a declared dependency: tests only.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import { buildOpenApiDocument, type JsonSchema } from './openapi-document';

const doc = buildOpenApiDocument(ROUTES, '1.2.3');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operations(): { key: string; path: string; op: JsonSchema }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, op })),
  );
}

/** Every `$ref` in a value, with where it was found. */
function refs(value: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ ref: v, at }] : refs(v, `${at}/${k}`),
  );
}

function resolvePointer(pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** An Ajv 2020-12 validator that resolves the document's component references. */
function validatorFor(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({
    $id: 'https://gateway.test/components',
    $defs: toAjv(doc.components.schemas) as object,
  });
  return ajv;
}

function toAjv(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value).replaceAll(
      '"#/components/schemas/',
      '"https://gateway.test/components#/$defs/',
    ),
  ) as unknown;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the API version and one operation per route of the table', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('1.2.3');
    expect(
      operations()
        .map((o) => o.key)
        .sort(),
    ).toEqual(Object.keys(ROUTES).sort());
  });

  it('resolves every $ref', () => {
    const dangling = refs(doc).filter(({ ref }) => resolvePointer(ref) === undefined);
    expect(dangling).toEqual([]);
    expect(refs(doc).length).toBeGreaterThan(50);
  });

  it('declares every path parameter, and only those, as required', () => {
    for (const { key, path, op } of operations()) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const params = ((op.parameters ?? []) as JsonSchema[]).filter((p) => p.in === 'path');
      expect({ key, names: params.map((p) => p.name).sort() }).toEqual({ key, names: inPath });
      for (const p of params) expect(p.required).toBe(true);
    }
  });

  it('has unique operationIds and parameters, and a described answer for each operation', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, op } of operations()) {
      const params = ((op.parameters ?? []) as JsonSchema[]).map((p) => `${p.in}:${p.name}`);
      expect({ key, params: new Set(params).size }).toEqual({ key, params: params.length });
      const responses = op.responses as Record<string, JsonSchema>;
      // A success, a redirect (single sign-on), or 405 for a method documented as not offered.
      const answered = Object.keys(responses).some((s) => /^(2\d\d|3\d\d|405)$/.test(s));
      expect({ key, answered }).toEqual({ key, answered: true });
      for (const [status, response] of Object.entries(responses)) {
        expect(status).toMatch(/^([1-5]\d\d|default)$/);
        const resolved = (
          response.$ref ? resolvePointer(response.$ref as string) : response
        ) as JsonSchema;
        expect(typeof resolved.description).toBe('string');
      }
    }
  });

  it('uses only declared security schemes and tags', () => {
    const schemes = new Set(Object.keys(doc.components.securitySchemes));
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const { op } of operations()) {
      for (const requirement of op.security as Record<string, unknown>[]) {
        for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
      }
      for (const tag of op.tags as string[]) expect(tags).toContain(tag);
    }
  });

  it('compiles every schema with a JSON Schema 2020-12 validator', () => {
    const ajv = validatorFor();
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => ajv.getSchema(`https://gateway.test/components#/$defs/${name}`)).not.toThrow();
    }
    const distinct = new Set<string>();
    for (const { op } of operations()) {
      const schemas = [
        ...((op.parameters ?? []) as JsonSchema[]).map((p) => p.schema),
        ...Object.values(
          ((op.requestBody as JsonSchema | undefined)?.content ?? {}) as Record<string, JsonSchema>,
        ).map((m) => m.schema),
        ...[
          ...Object.values(op.responses as Record<string, JsonSchema>),
          ...Object.values(doc.components.responses),
        ].flatMap((r) =>
          Object.values((r.content ?? {}) as Record<string, JsonSchema>).map((m) => m.schema),
        ),
      ].filter((s) => s !== undefined);
      for (const schema of schemas) distinct.add(JSON.stringify(toAjv(schema)));
    }
    for (const schema of distinct) ajv.compile(JSON.parse(schema) as object);
    expect(distinct.size).toBeGreaterThan(40);
  });

  it('documents proxy endpoints with every SDK auth scheme, gateway headers and errors in their format', () => {
    const chat = doc.paths['/v1/chat/completions'].post;
    expect(chat.security).toEqual(
      expect.arrayContaining([
        { gatewayBearer: [] },
        { gatewayApiKey: [] },
        { gatewayGoogApiKey: [] },
        { gatewayKeyQuery: [] },
        { gatewayId: [], gatewayAuthorization: [] },
      ]),
    );
    const ok = (chat.responses as Record<string, JsonSchema>)['200'];
    expect(Object.keys(ok.content as object)).toEqual(['application/json', 'text/event-stream']);
    expect(Object.keys(ok.headers as object)).toContain('x-gateway-request-id');
    expect(chat.externalDocs).toMatchObject({
      url: expect.stringContaining('platform.openai.com'),
    });
    const error = (path: string, status: string) => {
      const ref = (doc.paths[path].post.responses as Record<string, JsonSchema>)[status].$ref;
      const response = resolvePointer(ref as string) as JsonSchema;
      return (response.content as Record<string, JsonSchema>)['application/json'].schema;
    };
    expect(error('/v1/chat/completions', '401')).toEqual({
      $ref: '#/components/schemas/OpenAIError',
    });
    expect(error('/v1/messages', '529')).toEqual({ $ref: '#/components/schemas/AnthropicError' });
    expect(error('/v1beta/models/{model}:countTokens', '404')).toEqual({
      $ref: '#/components/schemas/GeminiError',
    });
    expect(error('/gateway/create', '400')).toEqual({
      $ref: '#/components/schemas/ManagementError',
    });
  });

  it('describes request bodies as the API reads them (defaults optional) and answers as it writes them', () => {
    const created = doc.components.schemas.CreateKeyBody;
    expect(created.required).toEqual(['name']);
    expect((created.properties as Record<string, JsonSchema>).prefix.default).toBe('gw-');
    const summary = doc.paths['/analytics/gateway/{id}'].get.parameters as JsonSchema[];
    const includeLogs = summary.find((p) => p.name === 'include_logs')!;
    expect(includeLogs).toMatchObject({ in: 'query', required: false });
    expect(((includeLogs.schema as JsonSchema).enum as string[]).sort()).toEqual([
      '0',
      '1',
      'false',
      'true',
    ]);
    expect(doc.components.schemas.Key.required).toContain('key_hint');
  });

  it('documents the least team role of every scoped route, with its 403', () => {
    const scoped = operations().filter(({ key }) =>
      /^\w+ \/(gateway|analytics\/gateway|teams)\/\{id\}/.test(key),
    );
    expect(scoped.length).toBe(Object.keys(ENDPOINT_MIN_ROLE).length);
    for (const { key, op } of scoped) {
      const role = ENDPOINT_MIN_ROLE[key.replace(/\{(\w+)\}/g, ':$1') as ScopedEndpoint];
      expect({ key, role: /Needs the `(\w+)` role/.exec(String(op.description))?.[1] }).toEqual({
        key,
        role,
      });
      expect(Object.keys(op.responses as object)).toContain('403');
    }
    const team = doc.paths['/teams/{id}/members/{userId}'].patch.parameters as JsonSchema[];
    expect(team.map((p) => [p.name, p.description])).toEqual([
      ['id', 'team id'],
      ['userId', 'user id (a member of the team)'],
    ]);
  });

  it('answers the MCP endpoint in JSON-RPC, without the proxy headers of model calls', () => {
    const mcp = doc.paths['/mcp'].post;
    const responses = mcp.responses as Record<string, JsonSchema>;
    expect(Object.keys(responses).sort()).toEqual([
      '200',
      '202',
      '400',
      '401',
      '403',
      '406',
      '413',
      '415',
    ]);
    const unauthorized = resolvePointer(responses['401'].$ref as string) as JsonSchema;
    expect(unauthorized.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/JsonRpcError' } },
    });
    expect(responses['200'].headers).toBeUndefined();
    expect(mcp.parameters).toBeUndefined();
  });

  it('refuses a schema name that means two shapes', () => {
    const Shape = z.object({ a: z.string().default('x') }).meta({ id: 'TwoSided' });
    const route = (method: string): RouteSpec => ({
      operationId: `op${method}`,
      summary: 's',
      tag: 'Service',
      auth: 'none',
      body: Shape,
      ok: { status: 200, description: 'd', schema: Shape },
    });
    expect(() =>
      buildOpenApiDocument({ 'POST /a': route('A'), 'POST /b': route('B') }, '0'),
    ).toThrow(/'TwoSided' has two shapes/);
  });

  it('refuses an undescribed path parameter and a repeated operationId', () => {
    const ok = { status: 200, description: 'd' };
    const spec = { operationId: 'x', summary: 's', tag: 'Service', auth: 'none', ok } as const;
    expect(() => buildOpenApiDocument({ 'GET /a/{nope}': spec }, '0')).toThrow(/PATH_PARAMS/);
    expect(() => buildOpenApiDocument({ 'GET /a': spec, 'GET /b': spec }, '0')).toThrow(
      /used twice/,
    );
  });
});
