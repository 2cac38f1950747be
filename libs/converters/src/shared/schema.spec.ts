import { validateGeminiRequest } from '../testing/validators';
import { cleanGeminiSchema, ensureObjectSchema, lowerCaseTypes } from './schema';

describe('cleanGeminiSchema', () => {
  it('drops keys outside the Gemini Schema allow-list at every depth', () => {
    const cleaned = cleanGeminiSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        a: {
          type: 'object',
          additionalProperties: { type: 'string' },
          propertyNames: { pattern: 'x' },
          properties: {},
        },
      },
      strict: true,
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: { a: { type: 'object', properties: {} } },
    });
  });

  it('inlines $ref from $defs and guards against cycles', () => {
    const cleaned = cleanGeminiSchema({
      type: 'object',
      properties: { node: { $ref: '#/$defs/Node' } },
      $defs: {
        Node: {
          type: 'object',
          properties: { child: { $ref: '#/$defs/Node' }, name: { type: 'string' } },
        },
      },
    });
    expect(cleaned).toEqual({
      type: 'object',
      properties: {
        node: {
          type: 'object',
          properties: { child: { type: 'object' }, name: { type: 'string' } },
        },
      },
    });
  });

  it('turns anyOf/oneOf with a null member and type arrays into nullable', () => {
    expect(cleanGeminiSchema({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toEqual({
      type: 'string',
      nullable: true,
    });
    expect(cleanGeminiSchema({ oneOf: [{ type: 'null' }, { type: 'integer' }] })).toEqual({
      type: 'integer',
      nullable: true,
    });
    expect(cleanGeminiSchema({ type: ['number', 'null'] })).toEqual({
      type: 'number',
      nullable: true,
    });
  });

  it('keeps a real union as anyOf and maps const to a one-value enum', () => {
    expect(cleanGeminiSchema({ anyOf: [{ type: 'string' }, { type: 'integer' }] })).toEqual({
      anyOf: [{ type: 'string' }, { type: 'integer' }],
    });
    expect(cleanGeminiSchema({ const: 'fixed' })).toEqual({ type: 'string', enum: ['fixed'] });
  });

  it('removes empty strings from enums and stringifies values', () => {
    expect(cleanGeminiSchema({ type: 'string', enum: ['a', '', 'b'] })).toEqual({
      type: 'string',
      enum: ['a', 'b'],
    });
    expect(cleanGeminiSchema({ type: 'integer', enum: [1, 2] })).toEqual({
      type: 'string',
      enum: ['1', '2'],
    });
  });

  it('produces parameters the Gemini validator accepts', () => {
    const parameters = cleanGeminiSchema({
      type: 'object',
      additionalProperties: false,
      properties: { list: { type: 'array', items: { $ref: '#/definitions/Item' } } },
      definitions: {
        Item: {
          type: 'object',
          additionalProperties: false,
          properties: { v: { type: ['string', 'null'] } },
        },
      },
    });
    const body = {
      contents: [{ role: 'user', parts: [{ text: 'x' }] }],
      tools: [{ functionDeclarations: [{ name: 'f', parameters }] }],
    };
    expect(validateGeminiRequest(body)).toEqual([]);
  });
});

describe('ensureObjectSchema', () => {
  it('gives Anthropic a root type object even when the client omitted parameters', () => {
    expect(ensureObjectSchema(undefined)).toEqual({ type: 'object', properties: {} });
    expect(ensureObjectSchema({ properties: { a: { type: 'string' } } })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
    });
  });
});

describe('lowerCaseTypes', () => {
  it('lower-cases OpenAPI type names from Gemini clients', () => {
    expect(
      lowerCaseTypes({
        type: 'OBJECT',
        properties: { a: { type: 'ARRAY', items: { type: 'STRING' } } },
      }),
    ).toEqual({
      type: 'object',
      properties: { a: { type: 'array', items: { type: 'string' } } },
    });
  });

  it('keeps a property named __proto__ as a property', () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"number"}}}',
    );
    const out = cleanGeminiSchema(schema);
    expect(Object.keys(out.properties as object)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(out)).properties.__proto__).toEqual({ type: 'string' });
  });
});
