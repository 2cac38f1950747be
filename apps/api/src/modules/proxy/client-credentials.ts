/** Where each official SDK puts the key; the gateway accepts all of them on every endpoint. */
export interface ClientCredentials {
  secret: string;
  gatewayId?: string;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
}

function stripBearer(value: string): string {
  return /^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, '').trim() : value;
}

export function extractClientCredentials(
  headers: Headers,
  query: Record<string, unknown> | undefined,
): ClientCredentials | undefined {
  const gatewayId = header(headers, 'x-gateway-id');
  const gatewayAuth = header(headers, 'x-gateway-authorization');
  if (gatewayAuth) return { secret: stripBearer(gatewayAuth), gatewayId };
  const authorization = header(headers, 'authorization');
  if (authorization && /^bearer\s+\S/i.test(authorization))
    return { secret: stripBearer(authorization), gatewayId };
  const apiKey =
    header(headers, 'x-api-key') ?? header(headers, 'x-goog-api-key') ?? header(headers, 'api-key');
  if (apiKey) return { secret: apiKey, gatewayId };
  const key = typeof query?.key === 'string' ? query.key.trim() : undefined;
  if (key) return { secret: key, gatewayId };
  return undefined;
}
