import { ModelCatalog } from '../catalog/model-catalog';
import {
  DEFAULT_IMPLEMENTED_FAMILIES,
  getProvider,
  implementedFamilies,
  isRoutable,
  listProviders,
  setImplementedFamilies,
} from './provider-registry';

describe('provider registry', () => {
  afterEach(() => setImplementedFamilies(DEFAULT_IMPLEMENTED_FAMILIES));

  it('has unique provider ids', () => {
    const ids = listProviders().map((provider) => provider.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every provider the catalog references', () => {
    const missing = new Set(
      ModelCatalog.load()
        .list()
        .map((entry) => entry.provider)
        .filter((id) => getProvider(id) === undefined),
    );
    expect([...missing]).toEqual([]);
  });

  it('gives every routable provider an env prefix and a base URL, or says where it comes from', () => {
    // Per-account hosts: Azure resource, Cloudflare account, Databricks workspace.
    const perAccountHost = ['azure', 'cloudflare', 'databricks'];
    for (const provider of listProviders().filter((spec) => isRoutable(spec))) {
      expect(provider.envPrefix).toMatch(/^[A-Z][A-Z0-9_]*$/);
      if (perAccountHost.includes(provider.id)) expect(provider.baseUrl).toBeUndefined();
      else expect(provider.baseUrl).toMatch(/^https?:\/\/[^/]+/);
    }
  });

  it('uses the SDK base URL conventions of the big three', () => {
    expect(getProvider('openai')).toMatchObject({
      family: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      auth: 'bearer',
      envPrefix: 'OPENAI',
    });
    expect(getProvider('anthropic')).toMatchObject({
      family: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
      auth: 'x-api-key',
    });
    expect(getProvider('gemini')).toMatchObject({
      family: 'gemini',
      baseUrl: 'https://generativelanguage.googleapis.com',
      auth: 'x-goog-api-key',
      envPrefix: 'GEMINI',
    });
    expect(getProvider('azure')).toMatchObject({
      family: 'azure',
      auth: 'api-key',
      envPrefix: 'AZURE',
    });
  });

  it('names env prefixes after the provider unless the provider documents another', () => {
    expect(getProvider('together_ai')?.envPrefix).toBe('TOGETHER_AI');
    expect(getProvider('fireworks_ai')?.envPrefix).toBe('FIREWORKS_AI');
    expect(getProvider('xai')?.envPrefix).toBe('XAI');
  });

  it('runs Ollama locally without a key', () => {
    expect(getProvider('ollama')).toMatchObject({
      baseUrl: 'http://localhost:11434/v1',
      auth: 'none',
    });
  });

  it('lists params Groq rejects', () => {
    expect(getProvider('groq')?.dropParams).toContain('logprobs');
  });

  it('routes the five implemented families and no others', () => {
    expect([...implementedFamilies].sort()).toEqual([
      'anthropic',
      'azure',
      'cohere',
      'gemini',
      'openai',
    ]);
    expect(isRoutable('groq')).toBe(true);
    expect(isRoutable('bedrock')).toBe(false);
    expect(isRoutable('vertex_ai')).toBe(false);
    expect(isRoutable('cohere')).toBe(true);
    expect(isRoutable('voyage')).toBe(true);
    expect(isRoutable('no-such-provider')).toBe(false);
  });

  it('lets the app change the implemented families at boot', () => {
    setImplementedFamilies(['openai']);
    expect(isRoutable('anthropic')).toBe(false);
    expect(isRoutable('groq')).toBe(true);
  });
});
