import type { z } from 'zod';
import { ENDPOINT_ROUTES } from './endpoint-routes';
import { MANAGEMENT_ROUTES } from './management-routes';
import { PROXY_ROUTES } from './proxy-routes';
import type { PathParamNames } from './route-spec';
import { SERVICE_ROUTES } from './service-routes';

export * from './route-spec';
export { ENDPOINT_ROUTES } from './endpoint-routes';
export { MANAGEMENT_ROUTES } from './management-routes';
export {
  GATEWAY_RESPONSE_HEADERS,
  PROXY_REQUEST_HEADERS,
  PROXY_ROUTES,
  type HeaderAnswer,
} from './proxy-routes';
export { SERVICE_ROUTES } from './service-routes';

/**
 * Every HTTP route of the gateway except the dashboard's static files. The API reference is built
 * from it, a test fails when the running app serves a route missing here (or the other way round),
 * and the dashboard's client is typed by it: adding a route is one entry.
 */
export const ROUTES = {
  ...MANAGEMENT_ROUTES,
  ...SERVICE_ROUTES,
  ...PROXY_ROUTES,
  ...ENDPOINT_ROUTES,
};

export type ApiRoutes = typeof ROUTES;
export type RouteKey = keyof ApiRoutes;

type Spec<K extends RouteKey> = ApiRoutes[K];

/** The path parameters of a route, by name. */
export type RouteParams<K extends RouteKey> = Record<PathParamNames<K>, string>;
/** What a client may send as the query string of a route (never when it has none). */
export type RouteQuery<K extends RouteKey> =
  Spec<K> extends { query: infer Q extends z.ZodType } ? z.input<Q> : never;
/** What a client may send as the JSON body of a route (never when it takes none). */
export type RouteBody<K extends RouteKey> =
  Spec<K> extends { body: infer B extends z.ZodType } ? z.input<B> : never;
/** Whether a route takes a `multipart/form-data` upload (its spec's `upload`) instead of JSON. */
export type RouteTakesUpload<K extends RouteKey> =
  Spec<K> extends { upload: z.ZodType } ? true : false;
/** The JSON answer of a route (undefined when it answers without a JSON body). */
export type RouteAnswerBody<K extends RouteKey> = Spec<K>['ok'] extends {
  schema: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;
