/**
 * The gateway's HTTP contract: request schemas (zod; the API validates with them), answer schemas
 * (the API's controllers return their types, the dashboard reads them) and the route table that
 * names every endpoint. Change a shape here and both sides fail to compile until they agree; the
 * OpenAPI document (`GET /openapi.json`) is generated from the same schemas.
 */
export * from './auth';
export * from './sign-in';
export * from './gateways';
export * from './keys';
export * from './limits';
export * from './providers';
export * from './routing';
export * from './analytics';
export * from './catalog';
export * from './mcp';
export * from './health';
export * from './errors';
export * from './wire/openai';
export * from './wire/anthropic';
export * from './wire/gemini';
export * from './wire/endpoints';
export * from './wire-capture';
export * from './routes';
export * from './teams';
export * from './access';
export * from './admin';
export * from './audit';
