// ajv is installed (Fastify's validator) but not a declared dependency: tests only.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from '../../src/modules/docs/openapi-document';

type Json = Record<string, any>;

/**
 * `METHOD /path/{param}` of every route in Fastify's route tree (printRoutes with commonPrefix off:
 * each line is a node whose path continues its parent's, with the methods it serves).
 */
export function fastifyRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    stack.length = match[1].length / 4;
    stack.push(match[2]);
    const path = stack.join('').replace(/:([A-Za-z_]\w*)/g, '{$1}');
    for (const method of match[3]?.split(', ') ?? []) routes.push(`${method} ${path}`);
  }
  return routes;
}

/**
 * Holds real answers against the document: a JSON body must match the schema documented for its
 * route and status (strictly: a missing or an undocumented field fails), any other answer must have
 * a documented status and media type. Remembers which routes it has seen.
 */
export class AnswerChecker {
  readonly seen = new Set<string>();
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'https://gateway.test/c', $defs: local(doc.components.schemas) });
  }

  /** A JSON answer (or none, for a documented answer without a body). */
  check(route: string, status: number, body: unknown): void {
    const key = `${route} ${status}`;
    const response = this.response(route, status);
    if (!response.content) {
      if (body !== undefined) throw new Error(`${key}: documented without a body, got one`);
      this.seen.add(route);
      return;
    }
    let validate = this.cache.get(key);
    if (!validate) {
      const schema = response.content['application/json']?.schema as Json | undefined;
      if (!schema) throw new Error(`${key}: no JSON answer documented`);
      validate = this.ajv.compile(local(schema));
      this.cache.set(key, validate);
    }
    if (!validate(body)) {
      throw new Error(
        `${key} does not match its documented schema: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
      );
    }
    this.seen.add(route);
  }

  /** An answer that is not JSON (a stream, a file, a page): its status and media type. */
  checkMedia(route: string, status: number, contentType: string | null): void {
    const media = Object.keys(this.response(route, status).content ?? {});
    const type = (contentType ?? '').split(';')[0].trim();
    if (!media.includes(type))
      throw new Error(`${route} ${status}: '${type}' is not one of ${media.join(', ')}`);
    this.seen.add(route);
  }

  private response(route: string, status: number): Json {
    const [method, path] = route.split(' ');
    const op = this.doc.paths[path]?.[method.toLowerCase()] as Json | undefined;
    if (!op) throw new Error(`${route} is not documented`);
    let response = (op.responses?.[status] ?? op.responses?.default) as Json | undefined;
    if (response?.$ref) response = this.doc.components.responses[response.$ref.split('/').pop()];
    if (!response) throw new Error(`${route}: status ${status} is not documented`);
    return response;
  }
}

function local(schema: unknown): Json {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/schemas/', '"https://gateway.test/c#/$defs/'),
  ) as Json;
}
