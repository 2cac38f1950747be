import { z } from 'zod';
import { Liveness, Readiness } from '../health';
import type { RouteSpec } from './route-spec';

/** Routes for operators and tools: probes, metrics, and the API reference itself. */
export const SERVICE_ROUTES = {
  'GET /health': {
    operationId: 'getHealth',
    summary: 'Liveness',
    description: 'Always 200 while the process serves; `database` is informational.',
    tag: 'Service',
    auth: 'none',
    ok: { status: 200, description: 'Alive.', schema: Liveness },
  },
  'GET /ready': {
    operationId: 'getReadiness',
    summary: 'Readiness',
    description: 'Each check is bounded by 1.5 s; a load balancer routes around a 503.',
    tag: 'Service',
    auth: 'none',
    ok: { status: 200, description: 'Every check is `ok`.', schema: Readiness },
    also: [{ status: 503, description: 'A check is `down`.', schema: Readiness }],
  },
  'GET /metrics': {
    operationId: 'getMetrics',
    summary: 'Prometheus metrics of this replica',
    description:
      'Per-request series count proxied requests only. Needs `Authorization: Bearer <METRICS_TOKEN>` when that variable is set.',
    tag: 'Service',
    auth: 'metrics',
    ok: {
      status: 200,
      description: 'Prometheus text exposition format 0.0.4.',
      media: { 'text/plain': z.string() },
    },
  },
  'GET /openapi.json': {
    operationId: 'getOpenApiDocument',
    summary: 'This reference as an OpenAPI 3.1 document',
    tag: 'Service',
    auth: 'none',
    ok: {
      status: 200,
      description: 'The document.',
      media: { 'application/json': z.looseObject({ openapi: z.string() }) },
    },
  },
  'GET /docs': {
    operationId: 'getApiReference',
    summary: 'This reference as an interactive page',
    tag: 'Service',
    auth: 'none',
    ok: {
      status: 200,
      description: 'Swagger UI, served by the gateway.',
      media: { 'text/html': null },
    },
  },
  'GET /docs/{file}': {
    operationId: 'getApiReferenceAsset',
    summary: "The interactive page's scripts, styles and icons",
    tag: 'Service',
    auth: 'none',
    ok: {
      status: 200,
      description: 'The file.',
      media: { 'text/javascript': null, 'text/css': null, 'image/png': null },
    },
  },
} as const satisfies Record<string, RouteSpec>;
