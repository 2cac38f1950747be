import { apiFetch, apiRequest } from '@/lib/api-client';
import { useQuery } from '@/lib/useQuery';
import type { CatalogResponse } from '@gateway/contracts';

export const catalogApi = {
  search: (q: string, signal?: AbortSignal) =>
    apiRequest<CatalogResponse>('/catalog/models', {
      query: { q, limit: 50, mode: 'chat' },
      signal,
    }),
};

export function useCatalogSearch(q: string) {
  return useQuery(`catalog:${q}`, (signal) => catalogApi.search(q, signal), {
    keepPreviousData: true,
  });
}

/** Calls the real proxy path with the gateway secret, exactly like an application would. */
export function startChatCompletion(
  secret: string,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Response> {
  return apiFetch('/v1/chat/completions', {
    method: 'POST',
    body,
    auth: { bearer: secret },
    signal,
  });
}
