import {
  clientToolName,
  isSyntheticId,
  sanitizeToolCallId,
  syntheticToolCallId,
  ToolNameMapper,
} from './ids';
import { CODECS, toolNameFor } from '../index';

describe('sanitizeToolCallId', () => {
  it('keeps ids that are valid for every provider', () => {
    expect(sanitizeToolCallId('call_abc123')).toBe('call_abc123');
    expect(sanitizeToolCallId('toolu_01A09q90qw90lq917835lq9')).toBe(
      'toolu_01A09q90qw90lq917835lq9',
    );
  });

  it('replaces characters Anthropic rejects and stays deterministic', () => {
    const id = sanitizeToolCallId('functions.Bash:0');
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    expect(sanitizeToolCallId('functions.Bash:0')).toBe(id);
    expect(id).not.toBe(sanitizeToolCallId('functions_Bash_0'));
  });

  it("shortens ids over OpenAI's 40-char limit with a hash of the original", () => {
    const long = 'call_' + 'x'.repeat(60) + '__thought__abc+/=';
    const id = sanitizeToolCallId(long);
    expect(id.length).toBeLessThanOrEqual(40);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sanitizeToolCallId(long + 'y')).not.toBe(id);
  });
});

describe('synthetic ids', () => {
  it('are unique per response and position and recognisable', () => {
    const a = syntheticToolCallId('chatcmpl-123', 0);
    const b = syntheticToolCallId('chatcmpl-123', 1);
    expect(a).not.toBe(b);
    expect(isSyntheticId(a)).toBe(true);
    expect(isSyntheticId('call_abc')).toBe(false);
    expect(a.length).toBeLessThanOrEqual(40);
  });
});

describe('toolNameFor', () => {
  const long = 'mcp__server__' + 'very_long_tool_name_'.repeat(5);

  it('keeps names valid for the target', () => {
    expect(toolNameFor('openai-chat', 'get_weather')).toBe('get_weather');
    expect(toolNameFor('gemini', 'server.tool:run')).toBe('server.tool:run');
    expect(toolNameFor('anthropic-messages', long)).toBe(long);
  });

  it('shortens names over 64 chars for OpenAI and Gemini with a hash suffix', () => {
    const n = toolNameFor('openai-chat', long);
    expect(n.length).toBeLessThanOrEqual(64);
    expect(n).toMatch(/_[0-9a-f]{8}$/);
    expect(toolNameFor('gemini', long).length).toBeLessThanOrEqual(64);
  });

  it('rewrites dotted MCP names for Anthropic and OpenAI', () => {
    expect(toolNameFor('anthropic-messages', 'server.tool')).toMatch(/^server_tool_[0-9a-f]{8}$/);
    expect(toolNameFor('openai-chat', 'server.tool')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('makes Gemini names start with a letter or underscore', () => {
    expect(toolNameFor('gemini', '1tool')).toMatch(/^_1tool_[0-9a-f]{8}$/);
  });
});

describe('ToolNameMapper', () => {
  it('records only rewritten names and maps them back', () => {
    const m = new ToolNameMapper(CODECS['openai-chat'].toolNames);
    const upstream = m.name('server.tool');
    expect(m.name('plain')).toBe('plain');
    expect(m.map).toEqual({ [upstream]: 'server.tool' });
    expect(clientToolName(m.map, upstream)).toBe('server.tool');
    expect(clientToolName(m.map, 'plain')).toBe('plain');
  });

  it('maps prototype names as plain tool names', () => {
    expect(clientToolName({}, 'constructor')).toBe('constructor');
    expect(clientToolName({}, '__proto__')).toBe('__proto__');
    expect(clientToolName({}, 'toString')).toBe('toString');
  });
});
