import { ApiError, callApi, fetchApi, type CallArgs } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import type { RouteBody, RouteTakesUpload } from '@gateway/contracts';
import type { ChatCompletionBody } from './shape';
import { WIRE_REQUEST_HEADERS } from './wire-shape';

/** The catalog's `mode` of the models each playground mode can call. */
export type CatalogMode =
  'chat' | 'embedding' | 'image_generation' | 'audio_speech' | 'audio_transcription';

export const catalogApi = {
  search: (q: string, mode: CatalogMode, signal?: AbortSignal) =>
    callApi('GET /catalog/models', { query: { q, limit: 50, mode }, signal }),
};

export function useCatalogSearch(q: string, mode: CatalogMode = 'chat') {
  return useQuery(`catalog:${mode}:${q}`, (signal) => catalogApi.search(q, mode, signal), {
    keepPreviousData: true,
  });
}

/** The proxy endpoints the playground calls, the way the openai SDK calls them. */
export type GatewayRoute =
  | 'POST /v1/chat/completions'
  | 'POST /v1/embeddings'
  | 'POST /v1/images/generations'
  | 'POST /v1/audio/speech'
  | 'POST /v1/audio/transcriptions';

/** What a route takes: its JSON body, or a multipart form for an upload route. */
export type GatewayPayload<K extends GatewayRoute> =
  RouteTakesUpload<K> extends true ? FormData : RouteBody<K>;

/**
 * Calls the real proxy path with the gateway secret, exactly like an application would (JSON, or
 * a multipart form for uploads), asking the gateway to keep the upstream exchange for the wire panel.
 */
export function callGateway<K extends GatewayRoute>(
  route: K,
  secret: string,
  payload: GatewayPayload<K>,
  signal: AbortSignal,
): Promise<Response> {
  const call = {
    ...(payload instanceof FormData ? { form: payload } : { body: payload }),
    auth: { bearer: secret },
    headers: WIRE_REQUEST_HEADERS,
    signal,
  };
  // The payload's type follows the route; TypeScript cannot narrow the conditional call type inside a generic.
  return fetchApi(route, ...([call] as unknown as CallArgs<K>));
}

export function startChatCompletion(
  secret: string,
  body: ChatCompletionBody,
  signal: AbortSignal,
): Promise<Response> {
  return callGateway('POST /v1/chat/completions', secret, body, signal);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });

/**
 * Asks again while the answer is 404: the wire capture may still be on its way to the replica that
 * answers, and the analytics row is written in batches about a second apart.
 */
async function retryWhileMissing<T>(
  load: () => Promise<T>,
  signal: AbortSignal,
  tries: number,
  waitMs: number,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404) || attempt >= tries) throw error;
      await sleep(waitMs, signal);
    }
  }
}

/** The upstream side of a playground call (`GET /gateway/{id}/wire/{requestId}`). */
export function useUpstreamWire(gatewayId: string, requestId: string | null, enabled: boolean) {
  return useQuery(
    `wire:${gatewayId}:${requestId}`,
    (signal) =>
      retryWhileMissing(
        () =>
          callApi('GET /gateway/{id}/wire/{requestId}', {
            params: { id: gatewayId, requestId: requestId ?? '' },
            signal,
          }),
        signal,
        3,
        400,
      ),
    { enabled: enabled && requestId !== null },
  );
}

/** What the gateway recorded for a call (its cost, in the unit the model is priced in). */
export function useRecordedCall(gatewayId: string, requestId: string | null) {
  return useQuery(
    `recorded:${gatewayId}:${requestId}`,
    (signal) =>
      retryWhileMissing(
        () =>
          callApi('GET /analytics/gateway/{id}/logs/{requestId}', {
            params: { id: gatewayId, requestId: requestId ?? '' },
            signal,
          }),
        signal,
        15,
        700,
      ),
    { enabled: requestId !== null },
  );
}
