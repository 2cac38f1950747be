import { getProvider, listProviders } from './provider-registry';
import { ADAPTED_FAMILIES, API_FAMILIES, familyPath, familyUrl } from './families';

describe('API families', () => {
  it('fills the model and API version into paths, URL-encoded', () => {
    expect(familyPath('gemini', 'chat', { model: 'gemini-2.5-flash' })).toBe(
      '/v1beta/models/gemini-2.5-flash:generateContent',
    );
    expect(familyPath('gemini', 'chatStream', { model: 'a/b' })).toBe(
      '/v1beta/models/a%2Fb:streamGenerateContent?alt=sse',
    );
    expect(
      familyUrl('https://r.openai.azure.com', 'azure', 'chat', {
        model: 'my deploy',
        apiVersion: '2024-10-21',
      })?.toString(),
    ).toBe(
      'https://r.openai.azure.com/openai/deployments/my%20deploy/chat/completions?api-version=2024-10-21',
    );
  });

  it('streams on the chat path when a family has no stream path of its own', () => {
    expect(familyPath('anthropic', 'chatStream')).toBe('/v1/messages');
    expect(familyUrl('https://api.openai.com/v1', 'openai', 'chatStream')?.toString()).toBe(
      'https://api.openai.com/v1/chat/completions',
    );
  });

  it('has no path for what a family does not serve, and refuses a path missing its model', () => {
    expect(familyPath('openai', 'countTokens')).toBeUndefined();
    expect(familyPath('bedrock', 'chat')).toBeUndefined();
    expect(() => familyPath('gemini', 'chat')).toThrow('{model}');
  });

  it('gives providers their family auth unless they name their own', () => {
    expect(getProvider('anthropic')?.auth).toBe('x-api-key');
    expect(getProvider('gemini')?.auth).toBe('x-goog-api-key');
    expect(getProvider('azure')?.auth).toBe('api-key');
    expect(getProvider('ollama')?.auth).toBe('none');
    for (const p of listProviders()) {
      if (p.id !== 'ollama') expect(p.auth).toBe(API_FAMILIES[p.family].auth);
    }
  });

  it('makes exactly the families with a wire format routable', () => {
    expect(ADAPTED_FAMILIES).toEqual(['openai', 'anthropic', 'gemini', 'azure', 'cohere']);
  });

  it('has a path for every endpoint a family serves beyond chat', () => {
    expect(familyUrl('https://api.openai.com/v1', 'openai', 'transcriptions')?.toString()).toBe(
      'https://api.openai.com/v1/audio/transcriptions',
    );
    expect(familyPath('gemini', 'embeddings', { model: 'gemini-embedding-001' })).toBe(
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    );
    expect(familyPath('azure', 'embeddings', { model: 'emb', apiVersion: 'v1' })).toBe(
      '/openai/deployments/emb/embeddings?api-version=v1',
    );
    expect(familyUrl('https://api.cohere.com', 'cohere', 'rerank')?.toString()).toBe(
      'https://api.cohere.com/v2/rerank',
    );
    expect(familyPath('gemini', 'rerank')).toBeUndefined();
  });

  it('names each rerank provider its request shape', () => {
    expect(getProvider('cohere')?.rerankFormat).toBe('cohere');
    expect(getProvider('jina_ai')?.rerankFormat).toBe('jina');
    expect(getProvider('voyage')?.rerankFormat).toBe('voyage');
    expect(getProvider('openai')?.rerankFormat).toBeUndefined();
  });
});
