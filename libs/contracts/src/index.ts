/**
 * The management API's contract: request schemas (zod; the API validates with them) and response
 * types (the API's controllers return them, the dashboard reads them). Change a shape here and both
 * sides fail to compile until they agree.
 */
export * from './auth';
export * from './gateways';
export * from './keys';
export * from './providers';
export * from './routing';
export * from './analytics';
export * from './catalog';
export * from './admin';
export * from './audit';
