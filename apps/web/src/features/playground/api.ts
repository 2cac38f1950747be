import { callApi, fetchApi } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import type { ChatCompletionBody } from './shape';

export const catalogApi = {
  search: (q: string, signal?: AbortSignal) =>
    callApi('GET /catalog/models', { query: { q, limit: 50, mode: 'chat' }, signal }),
};

export function useCatalogSearch(q: string) {
  return useQuery(`catalog:${q}`, (signal) => catalogApi.search(q, signal), {
    keepPreviousData: true,
  });
}

/** Calls the real proxy path with the gateway secret, exactly like an application would. */
export function startChatCompletion(
  secret: string,
  body: ChatCompletionBody,
  signal: AbortSignal,
): Promise<Response> {
  return fetchApi('POST /v1/chat/completions', { body, auth: { bearer: secret }, signal });
}
