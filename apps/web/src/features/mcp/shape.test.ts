import { describe, expect, it } from 'vitest';
import { emptyMcpServerForm, parseHeaderLines, toMcpServerBody } from './shape';

describe('toMcpServerBody', () => {
  it('builds the body with headers, price and timeout', () => {
    expect(
      toMcpServerBody({
        name: 'docs',
        url: 'https://mcp.example.com/mcp',
        headers: 'Authorization: Bearer abc:def\n\nX-Team: red',
        price_per_call_usd: '0.001',
        timeout_ms: '5000',
      }),
    ).toEqual({
      ok: true,
      body: {
        name: 'docs',
        url: 'https://mcp.example.com/mcp',
        transport: 'http',
        headers: { Authorization: 'Bearer abc:def', 'X-Team': 'red' },
        price_per_call_usd: 0.001,
        timeout_ms: 5000,
      },
    });
  });

  it('names each bad field', () => {
    const result = toMcpServerBody({
      ...emptyMcpServerForm(),
      name: 'a__b',
      url: 'ftp://x',
      headers: 'no colon here',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['headers', 'name', 'url']);
  });
});

describe('parseHeaderLines', () => {
  it('keeps colons inside values and reports the line of a bad one', () => {
    expect(parseHeaderLines('A: b:c')).toEqual({ ok: true, headers: { A: 'b:c' } });
    expect(parseHeaderLines('A: 1\n: x')).toEqual({
      ok: false,
      error: expect.stringMatching(/line 2/),
    });
  });
});
