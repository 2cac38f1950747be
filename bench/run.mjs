#!/usr/bin/env node
// npm run bench [-- --quick] [-- --profile|--profile-key|--profile-convert] [-- --workers] [-- --build] [-- --verbose]
//
// --workers runs only the 2-cores-vs-1 comparison (WORKERS=1 vs WORKERS=2, unpinned; needs Redis at
// REDIS_URL, default redis://127.0.0.1:6379) and writes bench-results/latest-workers.md.
//
// Checks the tools (wrk, taskset), installs bench/'s own dependencies on first run, builds the API when
// it has no build (or with --build), then runs bench/lib/main.mjs. Uses only Node built-ins until then.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const argv = process.argv.slice(2);

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const missing = [
  ['wrk', 'apt-get install -y wrk (Debian/Ubuntu; brew install wrk on macOS)'],
  [
    'taskset',
    'apt-get install -y util-linux (taskset pins the target and the load to separate cores)',
  ],
].filter(([cmd]) => !has(cmd));
if (missing.length) {
  console.error('npm run bench needs:\n' + missing.map(([c, how]) => `  ${c}: ${how}`).join('\n'));
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  console.error(`> ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts }).status === 0;
}

if (
  !existsSync(join(BENCH, 'node_modules/@portkey-ai/gateway')) ||
  !existsSync(join(BENCH, 'node_modules/undici'))
) {
  // npm ci is exact; some registries lack other platforms' optional binaries, then npm install syncs.
  const ok =
    run('npm', ['ci', '--prefix', 'bench', '--no-audit', '--no-fund']) ||
    run('npm', ['install', '--prefix', 'bench', '--no-audit', '--no-fund']);
  if (!ok) {
    console.error('Could not install bench/ dependencies (npm ci --prefix bench).');
    process.exit(1);
  }
}

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const builtApi = join(ROOT, 'apps/api/dist/main.js');
if (argv.includes('--build') || !existsSync(builtApi)) {
  if (!existsSync(join(ROOT, 'node_modules/.bin/nx'))) {
    console.error('Install the workspace first: npm install (at the repository root).');
    process.exit(1);
  }
  if (!run('npx', ['nx', 'run', 'api:build'])) process.exit(1);
} else {
  const sources = ['apps/api/src', ...readdirSync(join(ROOT, 'libs')).map((l) => `libs/${l}/src`)];
  const newest = Math.max(...sources.map((d) => newestMtime(join(ROOT, d))));
  if (newest > statSync(builtApi).mtimeMs) {
    console.error(
      'Note: apps/api/dist is older than its sources; this run measures the old build. Add --build to rebuild.',
    );
  }
}

try {
  execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
} catch {
  console.error('taskset cannot read CPU affinity here; set BENCH_NO_PIN=1 to run unpinned.');
  process.exit(1);
}

const { main } = await import('./lib/main.mjs');
await main(argv);
