import { afterEach, describe, expect, it, vi } from 'vitest';
import { callApi, fetchApi, routePath } from './api-client';

interface Sent {
  url: string;
  method?: string;
  headers: Record<string, string>;
  body?: string;
}

function stubFetch(status: number, body: string): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({
      url,
      method: init.method,
      headers: init.headers as Record<string, string>,
      body: init.body as string | undefined,
    });
    return new Response(status === 204 ? null : body, { status });
  });
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe('the route-table client', () => {
  it('fills and encodes path parameters', () => {
    expect(routePath('GET /gateway/{id}/keys/{kid}', { id: 'a b', kid: 'k/1' })).toBe(
      '/gateway/a%20b/keys/k%2F1',
    );
    expect(routePath('POST /v1beta/models/{model}:countTokens', { model: 'gemini' })).toBe(
      '/v1beta/models/gemini:countTokens',
    );
  });

  it('sends the method of the route key with its query and JSON body', async () => {
    const sent = stubFetch(200, '{"id":"k"}');
    await callApi('PATCH /gateway/{id}/keys/{kid}', {
      params: { id: 'g', kid: 'k' },
      body: { enabled: false },
      auth: 'none',
    });
    await callApi('GET /analytics/gateway/{id}/breakdown', {
      params: { id: 'g' },
      query: { by: 'provider', from: undefined },
      auth: 'none',
    });
    expect(sent).toEqual([
      {
        url: '/gateway/g/keys/k',
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"enabled":false}',
      },
      { url: '/analytics/gateway/g/breakdown?by=provider', method: 'GET', headers: {} },
    ]);
  });

  it('answers undefined for 204 and sends a gateway secret as a bearer token', async () => {
    stubFetch(204, '');
    await expect(callApi('DELETE /gateway/{id}', { params: { id: 'g' } })).resolves.toBeUndefined();
    const sent = stubFetch(200, 'data: [DONE]\n\n');
    const response = await fetchApi('POST /v1/chat/completions', {
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
      auth: { bearer: 'gw-secret' },
    });
    expect(await response.text()).toBe('data: [DONE]\n\n');
    expect(sent[0].headers.authorization).toBe('Bearer gw-secret');
  });

  it('only compiles calls of documented routes with their documented shapes', () => {
    // Never run: `npm run typecheck` (tsc over src) fails when one of these stops being an error.
    const typeChecks = () => {
      // @ts-expect-error a route the API does not document
      void callApi('GET /gateway/{id}/secrets', { params: { id: 'g' } });
      // @ts-expect-error the method is part of the route
      void callApi('POST /gateway/list');
      // @ts-expect-error a missing path parameter
      void callApi('GET /gateway/{id}/keys', { params: {} });
      // @ts-expect-error a body of another shape
      void callApi('POST /gateway/create', { body: { title: 'x' } });
      // @ts-expect-error a query parameter the route does not read
      void callApi('GET /catalog/models', { query: { search: 'x' } });
    };
    expect(typeChecks).toBeTypeOf('function');
  });
});
