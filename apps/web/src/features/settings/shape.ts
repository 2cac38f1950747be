export type SnippetId = 'curl' | 'openai' | 'anthropic' | 'gemini';

export interface Snippet {
  id: SnippetId;
  label: string;
  code: string;
}

export interface SnippetValues {
  /** Where the gateway is served, usually `window.location.origin`. */
  origin: string;
  secret: string;
  model: string;
}

/**
 * Ready-to-paste clients pointed at this gateway. Each SDK keeps its own wire format; the gateway
 * accepts all three, so any catalog model works from any of them.
 */
export function buildSnippets({ origin, secret, model }: SnippetValues): Snippet[] {
  const base = origin.replace(/\/+$/, '');
  return [
    {
      id: 'curl',
      label: 'curl',
      code: [
        `curl ${base}/v1/chat/completions \\`,
        `  -H "Authorization: Bearer ${secret}" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello!"}]}'`,
      ].join('\n'),
    },
    {
      id: 'openai',
      label: 'OpenAI SDK',
      code: [
        `from openai import OpenAI`,
        ``,
        `client = OpenAI(base_url="${base}/v1", api_key="${secret}")`,
        `reply = client.chat.completions.create(`,
        `    model="${model}",`,
        `    messages=[{"role": "user", "content": "Hello!"}],`,
        `)`,
        `print(reply.choices[0].message.content)`,
      ].join('\n'),
    },
    {
      id: 'anthropic',
      label: 'Anthropic SDK',
      code: [
        `import anthropic`,
        ``,
        `client = anthropic.Anthropic(base_url="${base}", api_key="${secret}")`,
        `message = client.messages.create(`,
        `    model="${model}",`,
        `    max_tokens=1024,`,
        `    messages=[{"role": "user", "content": "Hello!"}],`,
        `)`,
        `print(message.content[0].text)`,
      ].join('\n'),
    },
    {
      id: 'gemini',
      label: 'Gemini',
      code: [
        `from google import genai`,
        `from google.genai import types`,
        ``,
        `client = genai.Client(`,
        `    api_key="${secret}",`,
        `    http_options=types.HttpOptions(base_url="${base}"),`,
        `)`,
        `response = client.models.generate_content(model="${model}", contents="Hello!")`,
        `print(response.text)`,
      ].join('\n'),
    },
  ];
}

/** Shows the start and end of a secret so people can tell keys apart without exposing them. */
export function maskSecret(secret: string): string {
  if (secret.length <= 12) return '•'.repeat(secret.length);
  return `${secret.slice(0, 6)}${'•'.repeat(12)}${secret.slice(-4)}`;
}
