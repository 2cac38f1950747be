import { firstHeader, type UpstreamAdapter } from './upstream-adapter';

// https://docs.anthropic.com/en/api/versioning
const DEFAULT_VERSION = '2023-06-01';

/** Anthropic Messages: `<host>/v1/messages`, `x-api-key`, `anthropic-version`; beta flags from the client pass on. */
export const anthropicAdapter: UpstreamAdapter = {
  format: 'anthropic-messages',
  url: (target) => new URL(`${target.baseUrl}/v1/messages`),
  headers: (_target, client) => {
    const headers: Record<string, string> = {
      'anthropic-version': firstHeader(client['anthropic-version']) ?? DEFAULT_VERSION,
    };
    const beta = firstHeader(client['anthropic-beta']);
    if (beta) headers['anthropic-beta'] = beta;
    return headers;
  },
};
