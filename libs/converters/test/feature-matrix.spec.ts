// Computes the feature x direction table of docs/conversion.md by converting a probe request per
// feature, and fails when the document disagrees. UPDATE_GOLDENS=1 (or UPDATE_GOLDEN=1) rewrites the table.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fromCanonicalRequest,
  toCanonicalRequest,
  WIRE_FORMATS,
  type WireFormat,
} from '@gateway/converters';

type Body = Record<string, any>;
type Probe = Partial<Record<WireFormat, (b: Body) => Body>>;

const BASE: Record<WireFormat, () => Body> = {
  'openai-chat': () => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
  'anthropic-messages': () => ({
    model: 'm',
    max_tokens: 100,
    messages: [{ role: 'user', content: 'hi' }],
  }),
  gemini: () => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
  'openai-responses': () => ({ model: 'm', input: 'hi' }),
};
const PNG = 'iVBORw0KGgo=';
const fnSchema = { type: 'object', properties: { a: { type: 'string' } } };
const withTools = (b: Body, f: WireFormat): Body => {
  switch (f) {
    case 'openai-chat':
      return { ...b, tools: [{ type: 'function', function: { name: 'f', parameters: fnSchema } }] };
    case 'anthropic-messages':
      return { ...b, tools: [{ name: 'f', input_schema: fnSchema }] };
    case 'gemini':
      return { ...b, tools: [{ functionDeclarations: [{ name: 'f', parameters: fnSchema }] }] };
    case 'openai-responses':
      return { ...b, tools: [{ type: 'function', name: 'f', parameters: fnSchema }] };
  }
};
const userParts = (f: WireFormat, b: Body, part: Record<WireFormat, unknown>): Body => {
  switch (f) {
    case 'openai-chat':
    case 'anthropic-messages':
      return { ...b, messages: [{ role: 'user', content: [part[f]] }] };
    case 'gemini':
      return { ...b, contents: [{ role: 'user', parts: [part[f]] }] };
    case 'openai-responses':
      return { ...b, input: [{ role: 'user', content: [part[f]] }] };
  }
};

const FEATURES: [string, Probe][] = [
  [
    'System prompt',
    {
      'openai-chat': (b) => ({ ...b, messages: [{ role: 'system', content: 's' }, ...b.messages] }),
      'anthropic-messages': (b) => ({ ...b, system: 's' }),
      gemini: (b) => ({ ...b, systemInstruction: { parts: [{ text: 's' }] } }),
      'openai-responses': (b) => ({ ...b, instructions: 's' }),
    },
  ],
  [
    'Mid-conversation system message',
    {
      'openai-chat': (b) => ({
        ...b,
        messages: [
          ...b.messages,
          { role: 'assistant', content: 'a' },
          { role: 'system', content: 's' },
          { role: 'user', content: 'u' },
        ],
      }),
      'openai-responses': (b) => ({
        ...b,
        input: [
          { role: 'user', content: 'q' },
          { role: 'system', content: 's' },
        ],
      }),
    },
  ],
  ...(['url', 'base64'] as const).map((kind): [string, Probe] => [
    `Image (${kind})`,
    Object.fromEntries(
      WIRE_FORMATS.map((f) => [
        f,
        (b: Body) =>
          userParts(f, b, {
            'openai-chat': {
              type: 'image_url',
              image_url: {
                url: kind === 'url' ? 'https://x/c.png' : `data:image/png;base64,${PNG}`,
              },
            },
            'anthropic-messages': {
              type: 'image',
              source:
                kind === 'url'
                  ? { type: 'url', url: 'https://x/c.png' }
                  : { type: 'base64', media_type: 'image/png', data: PNG },
            },
            gemini:
              kind === 'url'
                ? { fileData: { mimeType: 'image/png', fileUri: 'https://x/c.png' } }
                : { inlineData: { mimeType: 'image/png', data: PNG } },
            'openai-responses': {
              type: 'input_image',
              image_url: kind === 'url' ? 'https://x/c.png' : `data:image/png;base64,${PNG}`,
            },
          }),
      ]),
    ),
  ]),
  [
    'PDF document (base64)',
    Object.fromEntries(
      WIRE_FORMATS.map((f) => [
        f,
        (b: Body) =>
          userParts(f, b, {
            'openai-chat': {
              type: 'file',
              file: { file_data: `data:application/pdf;base64,${PNG}`, filename: 'a.pdf' },
            },
            'anthropic-messages': {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: PNG },
            },
            gemini: { inlineData: { mimeType: 'application/pdf', data: PNG } },
            'openai-responses': {
              type: 'input_file',
              file_data: `data:application/pdf;base64,${PNG}`,
              filename: 'a.pdf',
            },
          }),
      ]),
    ),
  ],
  [
    'Audio input (OpenAI input_audio)',
    {
      'openai-chat': (b) =>
        userParts('openai-chat', b, {
          'openai-chat': { type: 'input_audio', input_audio: { data: PNG, format: 'wav' } },
        } as never),
    },
  ],
  [
    'Function tools',
    Object.fromEntries(WIRE_FORMATS.map((f) => [f, (b: Body) => withTools(b, f)])),
  ],
  [
    'Server/built-in tools (web search, code execution)',
    {
      'openai-chat': (b) => ({ ...b, tools: [{ type: 'custom', custom: { name: 'x' } }] }),
      'anthropic-messages': (b) => ({
        ...b,
        tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      }),
      gemini: (b) => ({ ...b, tools: [{ googleSearch: {} }] }),
      'openai-responses': (b) => ({ ...b, tools: [{ type: 'web_search' }] }),
    },
  ],
  [
    'tool_choice: required / any',
    {
      'openai-chat': (b) => ({ ...withTools(b, 'openai-chat'), tool_choice: 'required' }),
      'anthropic-messages': (b) => ({
        ...withTools(b, 'anthropic-messages'),
        tool_choice: { type: 'any' },
      }),
      gemini: (b) => ({
        ...withTools(b, 'gemini'),
        toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      }),
      'openai-responses': (b) => ({ ...withTools(b, 'openai-responses'), tool_choice: 'required' }),
    },
  ],
  [
    'tool_choice: named tool',
    {
      'openai-chat': (b) => ({
        ...withTools(b, 'openai-chat'),
        tool_choice: { type: 'function', function: { name: 'f' } },
      }),
      'anthropic-messages': (b) => ({
        ...withTools(b, 'anthropic-messages'),
        tool_choice: { type: 'tool', name: 'f' },
      }),
      gemini: (b) => ({
        ...withTools(b, 'gemini'),
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } },
      }),
      'openai-responses': (b) => ({
        ...withTools(b, 'openai-responses'),
        tool_choice: { type: 'function', name: 'f' },
      }),
    },
  ],
  [
    'parallel tool calls off',
    {
      'openai-chat': (b) => ({ ...withTools(b, 'openai-chat'), parallel_tool_calls: false }),
      'anthropic-messages': (b) => ({
        ...withTools(b, 'anthropic-messages'),
        tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      }),
      'openai-responses': (b) => ({
        ...withTools(b, 'openai-responses'),
        parallel_tool_calls: false,
      }),
    },
  ],
  [
    'Stop sequences',
    {
      'openai-chat': (b) => ({ ...b, stop: ['a', 'b'] }),
      'anthropic-messages': (b) => ({ ...b, stop_sequences: ['a', 'b'] }),
      gemini: (b) => ({ ...b, generationConfig: { stopSequences: ['a', 'b'] } }),
    },
  ],
  [
    'Max output tokens',
    {
      'openai-chat': (b) => ({ ...b, max_completion_tokens: 50 }),
      'anthropic-messages': (b) => b,
      gemini: (b) => ({ ...b, generationConfig: { maxOutputTokens: 50 } }),
      'openai-responses': (b) => ({ ...b, max_output_tokens: 50 }),
    },
  ],
  [
    'temperature / top_p',
    {
      'openai-chat': (b) => ({ ...b, temperature: 0.5, top_p: 0.9 }),
      'anthropic-messages': (b) => ({ ...b, temperature: 0.5, top_p: 0.9 }),
      gemini: (b) => ({ ...b, generationConfig: { temperature: 0.5, topP: 0.9 } }),
      'openai-responses': (b) => ({ ...b, temperature: 0.5, top_p: 0.9 }),
    },
  ],
  [
    'top_k',
    {
      'anthropic-messages': (b) => ({ ...b, top_k: 5 }),
      gemini: (b) => ({ ...b, generationConfig: { topK: 5 } }),
    },
  ],
  [
    'n > 1 / candidateCount',
    {
      'openai-chat': (b) => ({ ...b, n: 2 }),
      gemini: (b) => ({ ...b, generationConfig: { candidateCount: 2 } }),
    },
  ],
  [
    'seed',
    {
      'openai-chat': (b) => ({ ...b, seed: 1 }),
      gemini: (b) => ({ ...b, generationConfig: { seed: 1 } }),
    },
  ],
  [
    'End-user id (user / metadata.user_id)',
    {
      'openai-chat': (b) => ({ ...b, user: 'u' }),
      'anthropic-messages': (b) => ({ ...b, metadata: { user_id: 'u' } }),
      'openai-responses': (b) => ({ ...b, safety_identifier: 'u' }),
    },
  ],
  [
    'presence / frequency penalty',
    {
      'openai-chat': (b) => ({ ...b, presence_penalty: 0.5 }),
      gemini: (b) => ({ ...b, generationConfig: { presencePenalty: 0.5 } }),
    },
  ],
  [
    'logprobs',
    {
      'openai-chat': (b) => ({ ...b, logprobs: true, top_logprobs: 2 }),
      gemini: (b) => ({ ...b, generationConfig: { responseLogprobs: true, logprobs: 2 } }),
      'openai-responses': (b) => ({ ...b, top_logprobs: 2 }),
    },
  ],
  [
    'JSON mode',
    {
      'openai-chat': (b) => ({ ...b, response_format: { type: 'json_object' } }),
      gemini: (b) => ({ ...b, generationConfig: { responseMimeType: 'application/json' } }),
      'openai-responses': (b) => ({ ...b, text: { format: { type: 'json_object' } } }),
    },
  ],
  [
    'Structured output (JSON schema)',
    {
      'openai-chat': (b) => ({
        ...b,
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: fnSchema } },
      }),
      'anthropic-messages': (b) => ({
        ...b,
        output_config: { format: { type: 'json_schema', schema: fnSchema } },
      }),
      gemini: (b) => ({
        ...b,
        generationConfig: { responseMimeType: 'application/json', responseSchema: fnSchema },
      }),
      'openai-responses': (b) => ({
        ...b,
        text: { format: { type: 'json_schema', name: 'x', schema: fnSchema } },
      }),
    },
  ],
  [
    'Reasoning (effort / budget)',
    {
      'openai-chat': (b) => ({ ...b, reasoning_effort: 'medium' }),
      'anthropic-messages': (b) => ({
        ...b,
        max_tokens: 5000,
        thinking: { type: 'enabled', budget_tokens: 2048 },
      }),
      gemini: (b) => ({
        ...b,
        generationConfig: { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } },
      }),
      'openai-responses': (b) => ({ ...b, reasoning: { effort: 'medium' } }),
    },
  ],
  [
    'Reasoning + forced tool choice',
    {
      'openai-chat': (b) => ({
        ...withTools(b, 'openai-chat'),
        tool_choice: 'required',
        reasoning_effort: 'medium',
      }),
      'anthropic-messages': (b) => ({
        ...withTools(b, 'anthropic-messages'),
        max_tokens: 5000,
        tool_choice: { type: 'any' },
        thinking: { type: 'enabled', budget_tokens: 2048 },
      }),
      gemini: (b) => ({
        ...withTools(b, 'gemini'),
        toolConfig: { functionCallingConfig: { mode: 'ANY' } },
        generationConfig: { thinkingConfig: { thinkingBudget: 2048 } },
      }),
      'openai-responses': (b) => ({
        ...withTools(b, 'openai-responses'),
        tool_choice: 'required',
        reasoning: { effort: 'medium' },
      }),
    },
  ],
  [
    'Prompt caching markers (cache_control)',
    {
      'openai-chat': (b) => ({
        ...b,
        messages: [
          {
            role: 'system',
            content: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }],
          },
          ...b.messages,
        ],
      }),
      'anthropic-messages': (b) => ({
        ...b,
        system: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }],
      }),
      'openai-responses': (b) => ({
        ...b,
        input: [
          {
            role: 'user',
            content: [{ type: 'input_text', text: 'q', cache_control: { type: 'ephemeral' } }],
          },
        ],
      }),
    },
  ],
];

const SHORT: Record<WireFormat, string> = {
  'openai-chat': 'Chat',
  'anthropic-messages': 'Anthropic',
  gemini: 'Gemini',
  'openai-responses': 'Responses',
};
const DIRECTIONS = WIRE_FORMATS.flatMap((from) =>
  WIRE_FORMATS.filter((to) => to !== from).map((to) => [from, to] as const),
);
const ctx = {
  upstreamModel: 'up',
  requestedModel: 'm',
  id: 'r',
  created: 0,
  maxOutputTokens: 8192,
};

function outcome(probe: Probe, from: WireFormat, to: WireFormat): string {
  const build = probe[from];
  if (!build) return 'n/a';
  let req;
  try {
    req = toCanonicalRequest(from, build(BASE[from]()));
  } catch {
    return 'error';
  }
  const dropped = fromCanonicalRequest(to, req, ctx).droppedParams;
  return dropped.length === 0 ? 'converted' : 'dropped';
}

export function featureMatrix(): string {
  const header = `| Feature | ${DIRECTIONS.map(([f, t]) => `${SHORT[f]}→${SHORT[t]}`).join(' | ')} |`;
  const sep = `|---|${DIRECTIONS.map(() => '---').join('|')}|`;
  const rows = FEATURES.map(
    ([name, probe]) =>
      `| ${name} | ${DIRECTIONS.map(([f, t]) => outcome(probe, f, t)).join(' | ')} |`,
  );
  return [header, sep, ...rows].join('\n');
}

/** Table cells, ignoring the column padding a Markdown formatter adds. */
function cells(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => (/^\s*:?-+:?\s*$/.test(c) ? '---' : c.trim())),
    );
}

const DOC = join(__dirname, '..', '..', '..', 'docs', 'conversion.md');
const START =
  '<!-- feature-matrix:start (generated by libs/converters/test/feature-matrix.spec.ts) -->';
const END = '<!-- feature-matrix:end -->';

describe('docs/conversion.md feature matrix', () => {
  it('matches what the converters do', () => {
    const doc = readFileSync(DOC, 'utf8');
    const i = doc.indexOf(START);
    const j = doc.indexOf(END);
    expect(i).toBeGreaterThanOrEqual(0);
    const table = featureMatrix();
    if (process.env.UPDATE_GOLDEN === '1' || process.env.UPDATE_GOLDENS === '1') {
      writeFileSync(DOC, `${doc.slice(0, i + START.length)}\n${table}\n${doc.slice(j)}`);
      return;
    }
    expect(cells(doc.slice(i + START.length, j))).toEqual(cells(table));
  });
});
