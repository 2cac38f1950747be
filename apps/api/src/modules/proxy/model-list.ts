import type { GatewayModel } from '../routing/gateway-models';
import type { ClientFormat } from './proxy-call';

/** `GET /v1/models` (OpenAI or, with `anthropic-version`, Anthropic) and `GET /v1beta/models` (Gemini) shapes. */
export function renderModelList(format: ClientFormat, models: GatewayModel[]): unknown {
  if (format === 'gemini') {
    return {
      models: models.map((m) => ({
        name: `models/${m.id}`,
        displayName: m.displayName,
        inputTokenLimit: m.contextWindow,
        outputTokenLimit: m.maxOutputTokens,
        supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
      })),
    };
  }
  if (format === 'anthropic-messages') {
    const data = models.map((m) => ({
      type: 'model',
      id: m.id,
      display_name: m.displayName,
      created_at: '1970-01-01T00:00:00Z',
    }));
    return {
      data,
      has_more: false,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
    };
  }
  return {
    object: 'list',
    data: models.map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: m.provider })),
  };
}
