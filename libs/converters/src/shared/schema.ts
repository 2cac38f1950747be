import { isRecord, type Json } from './json';

// Gemini `Schema` allow-list (fields of js-genai types.ts `Schema`; OpenAPI 3.0 subset).
// https://ai.google.dev/api/caching#Schema
const GEMINI_SCHEMA_KEYS = new Set([
  'anyOf',
  'default',
  'description',
  'enum',
  'example',
  'format',
  'items',
  'maxItems',
  'maxLength',
  'maxProperties',
  'maximum',
  'minItems',
  'minLength',
  'minProperties',
  'minimum',
  'nullable',
  'pattern',
  'properties',
  'propertyOrdering',
  'required',
  'title',
  'type',
]);

function resolveRef(ref: string, defs: Json): Json | undefined {
  const m = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  if (!m) return undefined;
  const target = defs[m[1].replace(/~1/g, '/').replace(/~0/g, '~')];
  return isRecord(target) ? target : undefined;
}

function isNullSchema(s: unknown): boolean {
  return isRecord(s) && s.type === 'null';
}

/**
 * Rewrites a JSON Schema into Gemini's OpenAPI subset: inlines $ref/$defs (cycle-guarded), turns
 * `anyOf`/`oneOf` with a null member and `type: [T, "null"]` into `nullable`, `const` into a one-value
 * enum, drops every key outside the allow-list (additionalProperties, $schema, strict, ...), removes ""
 * from enums and stringifies enum values.
 */
export function cleanGeminiSchema(schema: unknown): Json {
  const root = isRecord(schema) ? schema : {};
  const defs: Json = {
    ...(isRecord(root.definitions) ? root.definitions : {}),
    ...(isRecord(root.$defs) ? root.$defs : {}),
  };
  return cleanNode(root, defs, new Set()) ?? {};
}

function cleanNode(node: unknown, defs: Json, seen: Set<string>): Json | undefined {
  if (!isRecord(node)) return undefined;
  if (typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) return { type: 'object' };
    const target = resolveRef(node.$ref, defs);
    if (!target) return { type: 'object' };
    const next = new Set(seen).add(node.$ref);
    const { $ref: _ref, ...rest } = node;
    return cleanNode({ ...target, ...rest }, defs, next);
  }
  const out: Json = {};
  let nullable = node.nullable === true;
  let type = node.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== 'null');
    if (nonNull.length !== type.length) nullable = true;
    type = nonNull.length === 1 ? nonNull[0] : undefined;
    if (nonNull.length > 1) {
      out.anyOf = nonNull.map((t) =>
        cleanNode({ ...node, type: t, nullable: undefined }, defs, seen),
      );
    }
  }
  const union = Array.isArray(node.anyOf)
    ? node.anyOf
    : Array.isArray(node.oneOf)
      ? node.oneOf
      : undefined;
  if (union) {
    const members = union.filter((m) => !isNullSchema(m));
    if (members.length !== union.length) nullable = true;
    if (members.length === 1) {
      const single = cleanNode(members[0], defs, seen) ?? {};
      Object.assign(out, single);
    } else if (members.length > 1) {
      out.anyOf = members.map((m) => cleanNode(m, defs, seen) ?? {});
    }
  }
  if (Array.isArray(node.allOf)) {
    for (const m of node.allOf) Object.assign(out, cleanNode(m, defs, seen) ?? {});
  }
  if (typeof type === 'string' && type !== 'null') out.type = type;
  if ('const' in node && node.const !== undefined && node.const !== null) {
    out.enum = [String(node.const)];
    if (out.type === undefined) out.type = 'string';
  }
  for (const [key, value] of Object.entries(node)) {
    if (!GEMINI_SCHEMA_KEYS.has(key) || key === 'type' || key === 'anyOf' || key === 'nullable')
      continue;
    switch (key) {
      case 'properties': {
        if (!isRecord(value)) break;
        // Property names are client input: `__proto__` must stay a property, not set the prototype.
        const props: Json = Object.create(null) as Json;
        for (const [name, sub] of Object.entries(value))
          props[name] = cleanNode(sub, defs, seen) ?? {};
        out.properties = props;
        break;
      }
      case 'items':
        out.items = cleanNode(value, defs, seen) ?? {};
        break;
      case 'enum':
        if (Array.isArray(value)) {
          out.enum = value.filter((v) => v !== '' && v !== null).map((v) => String(v));
          if (out.type === undefined || out.type === 'integer' || out.type === 'number')
            out.type = 'string';
        }
        break;
      case 'required':
        if (Array.isArray(value)) out.required = value.filter((v) => typeof v === 'string');
        break;
      default:
        out[key] = value;
    }
  }
  if (out.properties && out.type === undefined) out.type = 'object';
  if (nullable) out.nullable = true;
  return out;
}

/** Anthropic requires `input_schema.type: "object"` at the root. */
export function ensureObjectSchema(schema: unknown): Json {
  const s = isRecord(schema) ? { ...schema } : {};
  if (s.type !== 'object') s.type = 'object';
  if (!isRecord(s.properties)) s.properties = {};
  return s;
}

/** Gemini `parameters` use OpenAPI upper-case type names in some clients; JSON Schema wants lower-case. */
export function lowerCaseTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowerCaseTypes);
  if (!isRecord(schema)) return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'type' && typeof v === 'string') out[k] = v.toLowerCase();
    else if (k === 'properties' && isRecord(v)) {
      const props: Json = {};
      for (const [name, sub] of Object.entries(v)) props[name] = lowerCaseTypes(sub);
      out[k] = props;
    } else if (k === 'items' || k === 'anyOf') out[k] = lowerCaseTypes(v);
    else out[k] = v;
  }
  return out;
}
