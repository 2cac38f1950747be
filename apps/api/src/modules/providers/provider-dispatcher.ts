import { socksDispatcher } from 'fetch-socks';
import { ProxyAgent, type Dispatcher } from 'undici';

export const PROXY_PROTOCOLS = ['http:', 'https:', 'socks5:', 'socks5h:'] as const;

/**
 * The undici dispatcher for a provider behind an outbound proxy: `ProxyAgent` (HTTP CONNECT) for
 * http(s) proxies, fetch-socks (undici Agent with a SOCKS connector, on the `socks` package) for
 * socks5. Credentials in the URL are used for proxy authentication.
 */
export function createProxyDispatcher(proxyUrl: string, timeoutMs: number): Dispatcher {
  const url = new URL(proxyUrl);
  const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
  if (url.protocol === 'socks5:' || url.protocol === 'socks5h:') {
    return socksDispatcher(
      {
        type: 5,
        host: url.hostname,
        port: Number(url.port || 1080),
        userId: url.username ? decodeURIComponent(url.username) : undefined,
        password: url.password ? decodeURIComponent(url.password) : undefined,
      },
      timeouts,
    );
  }
  const token = url.username
    ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
    : undefined;
  url.username = '';
  url.password = '';
  return new ProxyAgent({ uri: url.toString(), token, ...timeouts });
}

/** The proxy URL with its password hidden, for API responses. */
export function maskProxyUrl(proxyUrl: string): string {
  const url = new URL(proxyUrl);
  if (url.password) url.password = '****';
  return url.toString().replace(/\/$/, '');
}
