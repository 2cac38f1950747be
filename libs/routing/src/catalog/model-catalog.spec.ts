import {
  setImplementedFamilies,
  DEFAULT_IMPLEMENTED_FAMILIES,
} from '../providers/provider-registry';
import { type GeneratedCatalog, type GeneratedEntry, ModelCatalog } from './model-catalog';
import { ModelNotFoundError } from './model-not-found.error';

function generatedEntry(
  overrides: Partial<GeneratedEntry> & { name: string; provider: string },
): GeneratedEntry {
  return {
    sourceKey: overrides.sourceKey ?? overrides.name,
    upstreamId: overrides.name,
    mode: 'chat',
    routePrefixed: false,
    pricing: { input: 0.000001, output: 0.000002 },
    capabilities: ['tools'],
    ...overrides,
  };
}

function catalogOf(entries: GeneratedEntry[]): ModelCatalog {
  const data: GeneratedCatalog = {
    source: 'test',
    entryCount: entries.length,
    routePrefixes: Object.fromEntries(entries.map((entry) => [entry.provider, entry.provider])),
    entries,
  };
  return ModelCatalog.fromData(data);
}

describe('ModelCatalog.resolve on the committed catalog', () => {
  const catalog = ModelCatalog.load();
  const resolve = (model: string) => {
    const { entry, provider } = catalog.resolve(model);
    return `${provider.id}:${entry.name}`;
  };

  it('finds an exact name at its maker', () => {
    expect(resolve('gpt-4o')).toBe('openai:gpt-4o');
    expect(resolve('claude-sonnet-4-5-20250929')).toBe('anthropic:claude-sonnet-4-5-20250929');
  });

  it('takes provider/model routes, including LiteLLM route prefixes', () => {
    expect(resolve('groq/llama-3.1-8b-instant')).toBe('groq:llama-3.1-8b-instant');
    expect(resolve('anthropic/claude-sonnet-4-5')).toBe('anthropic:claude-sonnet-4-5');
    expect(resolve('vertex_ai/claude-opus-4-1@20250805')).toBe(
      'vertex_ai:claude-opus-4-1@20250805',
    );
    expect(resolve('text-completion-openai/babbage-002')).toBe('openai:babbage-002');
    expect(resolve('azure/gpt-4o')).toBe('azure:gpt-4o');
  });

  it('keeps a name with slashes whole under its provider route', () => {
    expect(resolve('openrouter/anthropic/claude-3.5-sonnet')).toBe(
      'openrouter:anthropic/claude-3.5-sonnet',
    );
  });

  it('ignores case', () => {
    expect(resolve('Claude-Sonnet-4-5')).toBe('anthropic:claude-sonnet-4-5');
    expect(resolve('GROQ/Llama-3.1-8B-Instant')).toBe('groq:llama-3.1-8b-instant');
  });

  it('treats dots and dashes in versions alike', () => {
    expect(resolve('claude-opus-4.1')).toBe('anthropic:claude-opus-4-1');
    expect(resolve('claude-opus-4-1')).toBe('anthropic:claude-opus-4-1');
    expect(resolve('vertex_ai/claude-opus-4.1')).toBe('vertex_ai:claude-opus-4-1');
  });

  it('sends the maker spelling to the maker even when a reseller lists that exact spelling', () => {
    // github_copilot lists `claude-opus-4.5`; Anthropic's id is `claude-opus-4-5`.
    expect(catalog.get('github_copilot', 'claude-opus-4.5')?.name).toBe('claude-opus-4.5');
    expect(resolve('claude-opus-4.5')).toBe('anthropic:claude-opus-4-5');
  });

  it('resolves an undated name to the newest dated entry when no undated one exists', () => {
    expect(resolve('claude-sonnet-4')).toBe('anthropic:claude-sonnet-4-20250514');
    expect(resolve('claude-3-7-sonnet')).toBe('anthropic:claude-3-7-sonnet-20250219');
  });

  it('accepts the Gemini SDK models/ prefix', () => {
    expect(resolve('models/gemini-2.5-flash')).toBe('gemini:gemini-2.5-flash');
  });

  it('sends bare Gemini names to the Gemini API, not Vertex', () => {
    expect(resolve('gemini-3-pro-preview')).toBe('gemini:gemini-3-pro-preview');
  });

  it('prefers the route-prefixed source when LiteLLM lists one name twice', () => {
    expect(catalog.resolve('deepseek-chat').entry.sourceKey).toBe('deepseek/deepseek-chat');
  });

  it('returns the provider spec and the requested text', () => {
    const resolved = catalog.resolve('groq/llama-3.1-8b-instant');
    expect(resolved.requested).toBe('groq/llama-3.1-8b-instant');
    expect(resolved.provider.baseUrl).toBe('https://api.groq.com/openai/v1');
    expect(resolved.entry.upstreamId).toBe('llama-3.1-8b-instant');
  });

  it('throws ModelNotFoundError with close names for an unknown model', () => {
    let error: unknown;
    try {
      catalog.resolve('claud-sonet-4');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ModelNotFoundError);
    const notFound = error as ModelNotFoundError;
    expect(notFound.model).toBe('claud-sonet-4');
    expect(notFound.suggestions.length).toBeLessThanOrEqual(5);
    expect(notFound.suggestions).toContain('claude-sonnet-4');
  });

  it('suggests within the provider when the route was known', () => {
    expect(() => catalog.resolve('groq/llama-3.1-8b')).toThrow(
      expect.objectContaining({ suggestions: ['groq/llama-3.1-8b-instant'] }),
    );
  });

  it('gives no suggestions when nothing is close', () => {
    expect(() => catalog.resolve('zzzzzzzzzzzzzzzzzzzzzzz')).toThrow(
      expect.objectContaining({ suggestions: [] }),
    );
  });
});

describe('ModelCatalog rules on a small catalog', () => {
  it('lets an exact name win over another entry’s undated alias', () => {
    const catalog = catalogOf([
      generatedEntry({ name: 'claude-x-1', provider: 'anthropic' }),
      generatedEntry({ name: 'claude-x-1-20250101', provider: 'anthropic' }),
    ]);
    expect(catalog.resolve('claude-x-1').entry.name).toBe('claude-x-1');
  });

  it('picks the newest date for an undated alias', () => {
    const catalog = catalogOf([
      generatedEntry({ name: 'claude-y-20240101', provider: 'anthropic' }),
      generatedEntry({ name: 'claude-y-20250601', provider: 'anthropic' }),
      generatedEntry({ name: 'claude-y-20250101', provider: 'anthropic' }),
    ]);
    expect(catalog.resolve('claude-y').entry.name).toBe('claude-y-20250601');
  });

  it('breaks ties between resellers by provider id, whatever the input order', () => {
    const entries = [
      generatedEntry({ name: 'open-model-7b', provider: 'together_ai' }),
      generatedEntry({ name: 'open-model-7b', provider: 'groq' }),
    ];
    expect(catalogOf(entries).resolve('open-model-7b').provider.id).toBe('groq');
    expect(catalogOf([...entries].reverse()).resolve('open-model-7b').provider.id).toBe('groq');
  });

  it('get() looks up within one provider by exact name or alias', () => {
    const catalog = catalogOf([generatedEntry({ name: 'Model-1.5', provider: 'groq' })]);
    expect(catalog.get('groq', 'Model-1.5')?.name).toBe('Model-1.5');
    expect(catalog.get('groq', 'model-1-5')?.name).toBe('Model-1.5');
    expect(catalog.get('openai', 'Model-1.5')).toBeUndefined();
  });

  it('expands capability lists to a full boolean record', () => {
    const catalog = catalogOf([
      generatedEntry({ name: 'm', provider: 'groq', capabilities: ['vision'] }),
    ]);
    const { capabilities } = catalog.resolve('m').entry;
    expect(capabilities.vision).toBe(true);
    expect(capabilities.tools).toBe(false);
  });
});

describe('ModelCatalog.list and stats', () => {
  const catalog = ModelCatalog.load();

  afterEach(() => setImplementedFamilies(DEFAULT_IMPLEMENTED_FAMILIES));

  it('filters by mode and provider', () => {
    const groqChat = catalog.list({ mode: 'chat', providers: ['groq'] });
    expect(groqChat.length).toBeGreaterThan(0);
    expect(groqChat.every((entry) => entry.provider === 'groq' && entry.mode === 'chat')).toBe(
      true,
    );
  });

  it('lists only entries of routable providers when asked', () => {
    const routable = catalog.list({ routableOnly: true });
    expect(routable.some((entry) => entry.provider === 'bedrock')).toBe(false);
    expect(routable.some((entry) => entry.provider === 'anthropic')).toBe(true);
  });

  it('follows the implemented families set at boot', () => {
    setImplementedFamilies(['anthropic']);
    const providers = new Set(catalog.list({ routableOnly: true }).map((entry) => entry.provider));
    expect([...providers]).toEqual(['anthropic']);
    expect(catalog.stats().routableProviders).toBe(1);
  });

  it('reports counts of the LiteLLM table', () => {
    expect(catalog.stats()).toEqual({
      entries: 2982,
      chatModels: 2285,
      providers: 100,
      routableProviders: 42,
    });
  });
});
