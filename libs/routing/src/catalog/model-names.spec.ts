import { firstPartyProvider, normalizeModelKey, splitDatedName } from './model-names';

describe('normalizeModelKey', () => {
  it('lower-cases and writes version dots as dashes', () => {
    expect(normalizeModelKey('Claude-Opus-4.1')).toBe('claude-opus-4-1');
    expect(normalizeModelKey('llama3.1-8b')).toBe('llama3-1-8b');
  });

  it('keeps dots that are not between digits', () => {
    expect(normalizeModelKey('us.anthropic.claude-v2')).toBe('us.anthropic.claude-v2');
  });

  it('drops the Gemini SDK models/ prefix and Vertex @ version markers', () => {
    expect(normalizeModelKey('models/gemini-2.5-flash')).toBe('gemini-2-5-flash');
    expect(normalizeModelKey('claude-opus-4-1@20250805')).toBe('claude-opus-4-1-20250805');
  });
});

describe('splitDatedName', () => {
  it.each([
    ['claude-opus-4-1-20250805', 'claude-opus-4-1', 20250805],
    ['gpt-4o-2024-08-06', 'gpt-4o', 20240806],
    ['doubao-seed-2-0-pro-260215', 'doubao-seed-2-0-pro', 20260215],
    ['mistral-large-2411', 'mistral-large', 20241100],
  ])('reads %s as %s dated %d', (key, base, date) => {
    expect(splitDatedName(key)).toEqual({ base, date });
  });

  it('leaves MMDD snapshots and undated names alone', () => {
    expect(splitDatedName('gpt-4-0613')).toBeUndefined();
    expect(splitDatedName('claude-sonnet-4-5')).toBeUndefined();
  });
});

describe('firstPartyProvider', () => {
  it.each([
    ['gpt-4o', 'openai'],
    ['o3-mini', 'openai'],
    ['claude-sonnet-4-5', 'anthropic'],
    ['gemini-2.5-flash', 'gemini'],
    ['grok-4', 'xai'],
    ['mistral-large-latest', 'mistral'],
    ['kimi-k2-thinking', 'moonshot'],
    ['anthropic/claude-3.5-sonnet', 'anthropic'],
  ])('names the maker of %s as %s', (name, provider) => {
    expect(firstPartyProvider(name)).toBe(provider);
  });

  it('returns undefined for a family with no maker API', () => {
    expect(firstPartyProvider('hermes-3-llama-3.1-70b')).toBeUndefined();
  });
});
