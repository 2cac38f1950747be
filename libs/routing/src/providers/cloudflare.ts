import { openAiCompatible } from './define-provider';

// https://developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility/
// The OpenAI-compatible URL embeds the account id:
// https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1 — set CLOUDFLARE_BASE_URL.
export const cloudflare = openAiCompatible({
  id: 'cloudflare',
  displayName: 'Cloudflare Workers AI',
});
