import { MCP_SERVER_NAME as SERVER_NAME } from '@gateway/contracts';
import { gatewayToolName, splitToolName, toolAllowed } from './mcp-tool-names';

describe('MCP tool names', () => {
  it('splits at the first separator, so tools may contain it', () => {
    expect(splitToolName(gatewayToolName('docs', 'search__all'))).toEqual({
      server: 'docs',
      tool: 'search__all',
    });
    expect(splitToolName('nosep')).toBeUndefined();
    expect(splitToolName('__tool')).toBeUndefined();
    expect(splitToolName('server__')).toBeUndefined();
  });

  it('accepts slugs as server names, never one containing the separator', () => {
    for (const ok of ['a', 'docs', 'my-server', 'db_1']) expect(SERVER_NAME.test(ok)).toBe(true);
    for (const bad of ['', 'a__b', 'Docs', '-a', 'a-', 'a'.repeat(33), 'a b', '__proto__'])
      expect(SERVER_NAME.test(bad)).toBe(false);
  });

  it('allows every tool with no patterns, else only the matching ones', () => {
    expect(toolAllowed([], 'docs__search')).toBe(true);
    expect(toolAllowed(['docs__*'], 'docs__search')).toBe(true);
    expect(toolAllowed(['docs__read'], 'docs__search')).toBe(false);
    expect(toolAllowed(['*'], 'fs__delete')).toBe(true);
  });
});
