#!/usr/bin/env node
// Builds src/catalog/models.generated.json from LiteLLM's model_prices_and_context_window.json.
// Usage: node generate-catalog.mjs [input.json] [--stdout]
// The output is sorted and carries no timestamp, so regenerating from the same input is byte-identical.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// `shared/` sits beside the repository (../shared from its root).
const DEFAULT_INPUT = join(
  here,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'data',
  'model_prices_and_context_window.json',
);
const OUTPUT = join(here, '..', 'src', 'catalog', 'models.generated.json');

// Keys of the source file that describe the format instead of a model.
const NON_MODEL_KEYS = new Set(['sample_spec', 'fallback_generalizations']);

// LiteLLM splits one provider into several `litellm_provider` values by endpoint or model family;
// the gateway routes by provider, so these collapse into one id.
const PROVIDER_ALIASES = {
  'text-completion-openai': 'openai',
  'text-completion-codestral': 'codestral',
  'text-completion-inception': 'inception',
  azure_text: 'azure',
  'fireworks_ai-embedding-models': 'fireworks_ai',
  cohere_chat: 'cohere',
  bedrock_converse: 'bedrock',
};

export function normalizeProvider(litellmProvider) {
  if (litellmProvider.startsWith('vertex_ai')) return 'vertex_ai';
  return PROVIDER_ALIASES[litellmProvider] ?? litellmProvider;
}

// USD amounts copied as-is; a field absent in the source stays absent (unknown, never zero).
const PRICE_FIELDS = {
  input: 'input_cost_per_token',
  output: 'output_cost_per_token',
  cachedInput: 'cache_read_input_token_cost',
  cacheWrite: 'cache_creation_input_token_cost',
  cacheWrite1h: 'cache_creation_input_token_cost_above_1hr',
  reasoning: 'output_cost_per_reasoning_token',
  inputAudio: 'input_cost_per_audio_token',
  outputAudio: 'output_cost_per_audio_token',
  cachedInputAudio: 'cache_read_input_audio_token_cost',
  inputImageToken: 'input_cost_per_image_token',
  outputImageToken: 'output_cost_per_image_token',
  perInputImage: 'input_cost_per_image',
  perImage: 'output_cost_per_image',
  inputPerSecond: 'input_cost_per_second',
  outputPerSecond: 'output_cost_per_second',
  inputPerCharacter: 'input_cost_per_character',
  outputPerCharacter: 'output_cost_per_character',
  inputPerPixel: 'input_cost_per_pixel',
  outputPerPixel: 'output_cost_per_pixel',
  perQuery: 'input_cost_per_query',
  perRequest: 'input_cost_per_request',
  batchInput: 'input_cost_per_token_batches',
  batchOutput: 'output_cost_per_token_batches',
};

// Long-context tiers: `<base>_above_<N>k_tokens` prices that replace the base price once the prompt
// exceeds N thousand tokens.
const TIER_FIELDS = {
  input: 'input_cost_per_token',
  output: 'output_cost_per_token',
  cachedInput: 'cache_read_input_token_cost',
  cacheWrite: 'cache_creation_input_token_cost',
};

const CAPABILITY_FIELDS = {
  assistantPrefill: 'supports_assistant_prefill',
  audioInput: 'supports_audio_input',
  audioOutput: 'supports_audio_output',
  computerUse: 'supports_computer_use',
  parallelTools: 'supports_parallel_function_calling',
  pdfInput: 'supports_pdf_input',
  promptCaching: 'supports_prompt_caching',
  reasoning: 'supports_reasoning',
  responseSchema: 'supports_response_schema',
  systemMessages: 'supports_system_messages',
  toolChoice: 'supports_tool_choice',
  tools: 'supports_function_calling',
  videoInput: 'supports_video_input',
  vision: 'supports_vision',
  webSearch: 'supports_web_search',
};

const isPrice = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isCount = (value) => typeof value === 'number' && Number.isInteger(value) && value > 0;

function routePrefixOf(key, litellmProvider, provider) {
  const slash = key.indexOf('/');
  if (slash <= 0) return undefined;
  const prefix = key.slice(0, slash);
  const underscored = prefix.replace(/-/g, '_');
  const candidates = [litellmProvider, provider];
  return candidates.includes(prefix) || candidates.includes(underscored) ? prefix : undefined;
}

// Leading key segments that select an image size/quality or a Bedrock region/commitment; LiteLLM
// uses them to key prices, the provider API takes the bare model id.
const VARIANT_SEGMENT =
  /^(?:\d+-x-\d+|max-x-max|hd|standard|low|medium|high|\d+-steps|max-steps|\*|\d+-month-commitment|[a-z]{2}(?:-gov)?-[a-z]+-\d)$/;

export function upstreamIdOf(name) {
  const segments = name.split('/');
  let start = 0;
  while (start < segments.length - 1 && VARIANT_SEGMENT.test(segments[start])) start += 1;
  return segments.slice(start).join('/');
}

function pricingOf(source) {
  const pricing = {};
  for (const [field, sourceField] of Object.entries(PRICE_FIELDS)) {
    if (isPrice(source[sourceField])) pricing[field] = source[sourceField];
  }
  if (pricing.cachedInput === undefined && isPrice(source.input_cost_per_token_cache_hit)) {
    pricing.cachedInput = source.input_cost_per_token_cache_hit;
  }
  const tiers = new Map();
  for (const [sourceField, value] of Object.entries(source)) {
    const match = /^(.+)_above_(\d+)k_tokens$/.exec(sourceField);
    if (!match || !isPrice(value)) continue;
    const field = Object.keys(TIER_FIELDS).find((f) => TIER_FIELDS[f] === match[1]);
    if (!field) continue;
    const threshold = Number(match[2]) * 1000;
    const tier = tiers.get(threshold) ?? { aboveInputTokens: threshold };
    tier[field] = value;
    tiers.set(threshold, tier);
  }
  if (tiers.size > 0) {
    pricing.tiers = [...tiers.values()]
      .sort((a, b) => a.aboveInputTokens - b.aboveInputTokens)
      .map((tier) => sortKeys(tier));
  }
  return sortKeys(pricing);
}

function sortKeys(object) {
  return Object.fromEntries(
    Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export function buildCatalog(source) {
  const entries = [];
  const routePrefixes = {};
  for (const [key, value] of Object.entries(source)) {
    if (NON_MODEL_KEYS.has(key) || typeof value !== 'object' || value === null) continue;
    const litellmProvider = value.litellm_provider;
    if (typeof litellmProvider !== 'string') continue;
    const provider = normalizeProvider(litellmProvider);
    routePrefixes[litellmProvider] = provider;
    routePrefixes[provider] = provider;
    const prefix = routePrefixOf(key, litellmProvider, provider);
    if (prefix !== undefined) routePrefixes[prefix] = provider;
    const name = prefix === undefined ? key : key.slice(prefix.length + 1);
    const contextWindow = isCount(value.max_input_tokens)
      ? value.max_input_tokens
      : isCount(value.max_tokens)
        ? value.max_tokens
        : undefined;
    const entry = {
      sourceKey: key,
      name,
      provider,
      upstreamId: upstreamIdOf(name),
      mode: typeof value.mode === 'string' ? value.mode : 'unknown',
      routePrefixed: prefix !== undefined,
      contextWindow,
      maxOutputTokens: isCount(value.max_output_tokens) ? value.max_output_tokens : undefined,
      pricing: pricingOf(value),
      capabilities: Object.keys(CAPABILITY_FIELDS)
        .filter((capability) => value[CAPABILITY_FIELDS[capability]] === true)
        .sort(),
      deprecationDate:
        typeof value.deprecation_date === 'string' ? value.deprecation_date : undefined,
    };
    entries.push(JSON.parse(JSON.stringify(entry)));
  }
  entries.sort(
    (a, b) =>
      compare(a.provider, b.provider) ||
      compare(a.name, b.name) ||
      compare(a.sourceKey, b.sourceKey),
  );
  return {
    source: 'LiteLLM model_prices_and_context_window.json (MIT)',
    entryCount: entries.length,
    routePrefixes: sortKeys(routePrefixes),
    entries,
  };
}

// Same layout Prettier gives JSON (objects one key per line, short primitive arrays on one line),
// so formatting the repo leaves the file untouched.
const PRINT_WIDTH = 100;
function render(value, indent, prefixLength) {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => item === null || typeof item !== 'object')) {
      const inline = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      if (prefixLength + inline.length <= PRINT_WIDTH) return inline;
    }
    const inner = `${indent}  `;
    return `[\n${value.map((item) => inner + render(item, inner, inner.length)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const inner = `${indent}  `;
    const lines = keys.map((key, index) => {
      const head = `${inner}${JSON.stringify(key)}: `;
      const comma = index < keys.length - 1 ? 1 : 0;
      return head + render(value[key], inner, head.length + comma);
    });
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function renderCatalog(source) {
  return `${render(buildCatalog(source), '', 0)}\n`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2);
  const input = args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_INPUT;
  const text = renderCatalog(JSON.parse(readFileSync(input, 'utf8')));
  if (args.includes('--stdout')) process.stdout.write(text);
  else {
    writeFileSync(OUTPUT, text);
    process.stderr.write(`wrote ${OUTPUT}\n`);
  }
}
