// Pure rules that turn what people type into catalog lookup keys. The catalog applies them once
// per entry at load and once per request; nothing here scans the catalog.

/**
 * Lookup form of a model name: lower case, without the Gemini SDK `models/` prefix, with dots
 * between digits and Vertex `@` version markers written as dashes, so `Claude-Opus-4.1`,
 * `claude-opus-4-1` and `claude-opus-4-1@...` meet on one key.
 */
export function normalizeModelKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^models\//, '')
    .replace(/@/g, '-')
    .replace(/(\d)\.(?=\d)/g, '$1-');
}

export interface DatedName {
  /** The name without its date suffix, in lookup form. */
  readonly base: string;
  /** The date as a sortable number, YYYYMMDD (day 00 when only a month is given). */
  readonly date: number;
}

// Date suffixes seen in provider ids: 20250805 (Anthropic), 2024-08-06 (OpenAI),
// 251201 (Volcengine YYMMDD), 2411 (Mistral YYMM). Two-digit years are read as 2023–2029 only, so
// MMDD snapshots such as gpt-4-0613 are left alone.
const DATE_SUFFIXES: readonly { pattern: RegExp; toDate: (match: RegExpExecArray) => number }[] = [
  { pattern: /^(.+)-(20\d{2})(\d{2})(\d{2})$/, toDate: (m) => Number(`${m[2]}${m[3]}${m[4]}`) },
  { pattern: /^(.+)-(20\d{2})-(\d{2})-(\d{2})$/, toDate: (m) => Number(`${m[2]}${m[3]}${m[4]}`) },
  {
    pattern: /^(.+)-(2[3-9])(0[1-9]|1[0-2])([0-2]\d|3[01])$/,
    toDate: (m) => Number(`20${m[2]}${m[3]}${m[4]}`),
  },
  { pattern: /^(.+)-(2[3-9])(0[1-9]|1[0-2])$/, toDate: (m) => Number(`20${m[2]}${m[3]}00`) },
];

/** Splits a lookup key such as `claude-opus-4-1-20250805` into base and date, if it is dated. */
export function splitDatedName(key: string): DatedName | undefined {
  for (const { pattern, toDate } of DATE_SUFFIXES) {
    const match = pattern.exec(key);
    if (match) return { base: match[1], date: toDate(match) };
  }
  return undefined;
}

// Which provider makes a model, by the shape of its name (last path segment, lookup form).
const FIRST_PARTY: readonly (readonly [RegExp, string])[] = [
  [/^claude-/, 'anthropic'],
  [
    /^(gpt-|chatgpt-|o\d|dall-e|text-embedding-|whisper|tts-|davinci|babbage|codex-|computer-use|omni-moderation|text-moderation|sora-)/,
    'openai',
  ],
  [/^(gemini-|gemma-|imagen-|veo-|learnlm-)/, 'gemini'],
  [
    /^(mistral|open-mistral|open-mixtral|codestral|magistral|devstral|pixtral|ministral|voxtral)/,
    'mistral',
  ],
  [/^deepseek-/, 'deepseek'],
  [/^grok-/, 'xai'],
  [/^(command|c4ai-)/, 'cohere'],
  [/^(kimi-|moonshot-)/, 'moonshot'],
  [/^(qwen|qwq-)/, 'dashscope'],
  [/^glm-/, 'zai'],
  [/^minimax-/, 'minimax'],
  [/^sonar/, 'perplexity'],
  [/^(jamba|j2-)/, 'ai21'],
  [/^doubao-/, 'volcengine'],
  [/^llama-/, 'meta_llama'],
];

/** The provider that makes the model, judged from its name alone; undefined when unknown. */
export function firstPartyProvider(name: string): string | undefined {
  const key = normalizeModelKey(name);
  const lastSegment = key.slice(key.lastIndexOf('/') + 1);
  return FIRST_PARTY.find(([pattern]) => pattern.test(lastSegment))?.[1];
}
