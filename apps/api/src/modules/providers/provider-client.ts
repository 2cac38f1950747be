import { performance } from 'node:perf_hooks';
import type { ProviderSpec } from '@gateway/routing';
import { request, type Dispatcher } from 'undici';

export interface ProviderEndpoint {
  spec: ProviderSpec;
  baseUrl: string;
  authHeaders: Record<string, string>;
  dispatcher?: Dispatcher;
  timeoutMs: number;
}

export class ProviderCallError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

// Model listing per API family:
// OpenAI https://platform.openai.com/docs/api-reference/models/list — GET {base}/models → data[].id
// Anthropic https://docs.anthropic.com/en/api/models-list — GET /v1/models, anthropic-version → data[].id
// Gemini https://ai.google.dev/api/models#method:-models.list — GET /v1beta/models → models[].name
// Cohere https://docs.cohere.com/reference/list-models — GET /v1/models → models[].name
function listRequest(ep: ProviderEndpoint): { url: string; headers: Record<string, string> } {
  const headers = { accept: 'application/json', ...ep.authHeaders };
  switch (ep.spec.family) {
    case 'anthropic':
      return {
        url: `${ep.baseUrl}/v1/models?limit=1000`,
        headers: { ...headers, 'anthropic-version': '2023-06-01' },
      };
    case 'gemini':
      return { url: `${ep.baseUrl}/v1beta/models?pageSize=1000`, headers };
    case 'cohere':
      return { url: `${ep.baseUrl}/v1/models?page_size=1000`, headers };
    case 'openai':
    case 'azure':
    case 'bedrock':
    case 'vertex':
    case 'other':
      return { url: `${ep.baseUrl}/models`, headers };
  }
}

export function parseModelList(family: ProviderSpec['family'], body: unknown): string[] {
  const b = body as { data?: { id?: unknown }[]; models?: { name?: unknown }[] } | undefined;
  if (family === 'gemini' || family === 'cohere') {
    return (b?.models ?? [])
      .map((m) => (typeof m.name === 'string' ? m.name.replace(/^models\//, '') : ''))
      .filter(Boolean);
  }
  return (b?.data ?? []).map((m) => (typeof m.id === 'string' ? m.id : '')).filter(Boolean);
}

/** Calls the provider's model list: the cheapest authenticated request every API offers. */
export async function fetchProviderModels(
  ep: ProviderEndpoint,
): Promise<{ models: string[]; latencyMs: number; status: number }> {
  const { url, headers } = listRequest(ep);
  const started = performance.now();
  let res: Dispatcher.ResponseData;
  try {
    res = await request(url, {
      method: 'GET',
      headers,
      dispatcher: ep.dispatcher,
      headersTimeout: ep.timeoutMs,
      bodyTimeout: ep.timeoutMs,
      signal: AbortSignal.timeout(ep.timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { code?: string; cause?: { code?: string } };
    const code = e.code ?? e.cause?.code;
    throw new ProviderCallError(
      `${ep.spec.id} is unreachable: ${e.message}${code && !e.message.includes(code) ? ` (${code})` : ''}`,
      null,
    );
  }
  const text = await res.body.text();
  const latencyMs = Math.round(performance.now() - started);
  if (res.statusCode >= 400) {
    let message = text.slice(0, 300);
    try {
      const parsed = JSON.parse(text) as { error?: { message?: string } | string };
      message =
        typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? message);
    } catch {
      // not JSON: keep the text
    }
    throw new ProviderCallError(
      `${ep.spec.id} answered HTTP ${res.statusCode}: ${message}`,
      res.statusCode,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProviderCallError(
      `${ep.spec.id} answered a model list that is not JSON`,
      res.statusCode,
    );
  }
  return { models: parseModelList(ep.spec.family, body), latencyMs, status: res.statusCode };
}
