import { describe, expect, it } from 'vitest';
import { buildSnippets, maskSecret } from './shape';

const values = { origin: 'https://gw.example.com/', secret: 'gw_secret_123', model: 'gpt-4o-mini' };

describe('buildSnippets', () => {
  it('fills every snippet with the gateway origin, secret and model', () => {
    const snippets = buildSnippets(values);
    expect(snippets.map((s) => s.id)).toEqual(['curl', 'openai', 'anthropic', 'gemini']);
    for (const snippet of snippets) {
      expect(snippet.code).toContain('gw_secret_123');
      expect(snippet.code).toContain('gpt-4o-mini');
      expect(snippet.code).not.toContain('example.com//');
    }
  });

  it('points each SDK at the base path it expects', () => {
    const byId = Object.fromEntries(buildSnippets(values).map((s) => [s.id, s.code]));
    expect(byId.curl).toContain('https://gw.example.com/v1/chat/completions');
    expect(byId.openai).toContain('base_url="https://gw.example.com/v1"');
    expect(byId.anthropic).toContain('base_url="https://gw.example.com"');
    expect(byId.gemini).toContain('base_url="https://gw.example.com"');
  });
});

describe('maskSecret', () => {
  it('keeps only the ends of a long secret visible', () => {
    expect(maskSecret('gw_abcdefghijklmnop1234')).toBe('gw_abc••••••••••••1234');
    expect(maskSecret('short')).toBe('•••••');
  });
});
