import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens as o200k } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { boundedPieces, countTokensYielding, loadTokenizer } from './tokenizer';

// The routing guide without its tables' long rules (those are cut, see below).
const prose = readFileSync(join(__dirname, '../../../../../docs/routing.md'), 'utf8').replace(
  /-{20,}/g,
  '---',
);

describe('tokenizer', () => {
  it('cuts only runs of more than 128 non-space characters, keeping every character', () => {
    const text = `short words ${'x'.repeat(300)} and ${'-'.repeat(129)} end`;
    const pieces = boundedPieces(text);
    expect(pieces.join('')).toBe(text);
    expect(Math.max(...pieces.map((p) => /\S*$/.exec(p)![0].length))).toBeLessThanOrEqual(128);
    expect(boundedPieces(prose)).toEqual([prose]);
  });

  it('counts ordinary text exactly as the encoding does, long runs within a token or two', async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    expect(tokenizer.countTokens(prose)).toBe(o200k(prose));
    const table = `| a | b |\n| ${'-'.repeat(200)} | --- |\n| 1 | 2 |`;
    expect(Math.abs(tokenizer.countTokens(table) - o200k(table))).toBeLessThanOrEqual(2);
  });

  it('counts a 100 KB run of one character in pieces (unbounded BPE on it takes seconds)', async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    const run = 'a'.repeat(100 * 1024);
    expect(tokenizer.countTokens(run)).toBe((run.length / 128) * o200k('a'.repeat(128)));
  });

  it('counts a long text in slices between event-loop turns, to the same total', async () => {
    const tokenizer = await loadTokenizer('o200k_base');
    const text = prose.repeat(Math.ceil((200 * 1024) / prose.length));
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 1000) timer = setImmediate(tick);
    };
    let timer = setImmediate(tick);
    const total = await countTokensYielding(tokenizer, text);
    clearImmediate(timer);
    expect(total).toBe(o200k(text));
    expect(turns).toBeGreaterThan(3);
  });
});
