// Measures what counting tokens costs on this machine: loading each encoding (time, RSS), tokenizing
// real text (µs per KB), and the admission estimate (capped sample) with its error against the exact
// count. Runs on the built API: `npm run build && node --expose-gc apps/api/scripts/tokenizer-cost.js`.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const root = join(__dirname, '../../..');
const corpus = [
  'README.md',
  'docs/routing.md',
  'docs/conversion.md',
  'docs/benchmarks.md',
  'apps/api/src/modules/proxy/relay.ts',
  'libs/converters/src/openai-responses/stream.ts',
  'libs/converters/src/anthropic/request.ts',
]
  .map((f) => readFileSync(join(root, f), 'utf8'))
  .join('\n');

function slice(kb, i) {
  const len = kb * 1024;
  const start = (i * 7919) % Math.max(1, corpus.length - len);
  let s = corpus.slice(start, start + len);
  while (s.length < len) s += corpus.slice(0, len - s.length);
  return s;
}

function time(fn, reps) {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn(i);
  return ((performance.now() - t0) * 1000) / reps; // µs per call
}

async function main() {
  const { loadTokenizer } = require('../dist/modules/routing/tokenizer.js');
  const { estimateInputTokens } = require('../dist/modules/routing/token-estimate.js');
  for (const name of ['o200k_base', 'cl100k_base']) {
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const tok = await loadTokenizer(name);
    tok.countTokens('warm up');
    const loadMs = performance.now() - t0;
    global.gc?.();
    const rssMb = (process.memoryUsage().rss - rss0) / 1048576;
    console.log(`${name}: loaded in ${loadMs.toFixed(0)} ms, RSS +${rssMb.toFixed(0)} MiB`);
    for (const kb of [1, 4, 16, 64]) {
      for (let i = 0; i < 20; i++) tok.countTokens(slice(kb, i + 1000)); // warm the JIT
      const reps = Math.max(10, Math.floor(400 / kb));
      const us = time((i) => tok.countTokens(slice(kb, i)), reps);
      console.log(
        `  countTokens ${kb} KB: ${(us / 1000).toFixed(2)} ms, ${(us / kb).toFixed(0)} µs/KB`,
      );
    }
  }
  console.log('admission estimate (gpt-4o, o200k_base, 4 KB sample):');
  const { countTokens } = require('gpt-tokenizer/cjs/encoding/o200k_base');
  for (const kb of [1, 4, 16, 64, 256]) {
    const bodies = Array.from({ length: 20 }, (_, i) => ({
      messages: [{ role: 'user', content: slice(kb, i) }],
    }));
    const reps = Math.max(20, Math.floor(2000 / kb));
    const us = time((i) => estimateInputTokens(bodies[i % 20], 'openai-chat', 'gpt-4o'), reps);
    const est = estimateInputTokens(bodies[0], 'openai-chat', 'gpt-4o');
    const exact = countTokens('user') + countTokens(bodies[0].messages[0].content);
    const err = ((100 * (est - exact)) / exact).toFixed(1);
    console.log(
      `  ${kb} KB prompt: ${(us / 1000).toFixed(3)} ms, ${est} vs exact ${exact} (${err} %)`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
