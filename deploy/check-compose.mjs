#!/usr/bin/env node
// Static checks of docker-compose.yml (no container engine needed), run by .ci/run:
//  1. `docker-compose config` passes on a fresh copy with no .env and only ENCRYPTION_KEY set;
//  2. it refuses to render without ENCRYPTION_KEY (replicas would each invent their own key);
//  3. every variable of .env.example reaches the api service: the ones compose passes on arrive with
//     the value given in .env, the ones compose sets itself (service addresses) are present;
//  4. the TLS and env-file overlays (deploy/compose.*.yml) render on top of it.
// Prints one line per check; exits 1 if any fails.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Variables docker-compose.yml sets itself, whatever .env says (a .env written for a local run points
// at 127.0.0.1, which inside a container is the container itself).
const SET_BY_COMPOSE = new Set([
  'HOST',
  'PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'CLICKHOUSE_URL',
  'CLICKHOUSE_USER',
  'CLICKHOUSE_PASSWORD',
  'CLICKHOUSE_DATABASE',
  'REDIS_URL',
]);
const KEY = '0'.repeat(64);

function composeCommand() {
  for (const [cmd, pre] of [
    ['docker-compose', []],
    ['docker', ['compose']],
  ]) {
    const r = spawnSync(cmd, [...pre, 'version'], { stdio: 'ignore' });
    if (r.status === 0) return [cmd, pre];
  }
  return null;
}

/** Names in .env.example, set (`NAME=`) or commented out (`# NAME=`). */
export function envExampleNames(text) {
  const names = [];
  for (const line of text.split('\n')) {
    const m = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (m && !names.includes(m[1])) names.push(m[1]);
  }
  return names;
}

/** The environment of one service in `config` output (compose v1 and v2 both print a mapping). */
export function serviceEnvironment(yaml, service) {
  const lines = yaml.split('\n');
  const env = new Map();
  let i = lines.indexOf('services:');
  if (i < 0) return env;
  const start = lines.findIndex((l, j) => j > i && l === `  ${service}:`);
  if (start < 0) return env;
  for (let j = start + 1; j < lines.length && /^( {4}|$)/.test(lines[j]); j++) {
    if (lines[j] !== '    environment:') continue;
    for (let k = j + 1; k < lines.length && /^ {6}/.test(lines[k]); k++) {
      const m = /^ {6}([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/.exec(lines[k]);
      if (m) env.set(m[1], (m[2] ?? '').replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1'));
    }
    break;
  }
  return env;
}

function main() {
  const compose = composeCommand();
  if (!compose) {
    console.log('check-compose: neither docker-compose nor docker compose is installed');
    process.exit(1);
  }
  const [cmd, pre] = compose;
  // A fresh copy: the compose files and what they mount, no .env, no node_modules.
  const dir = mkdtempSync(join(tmpdir(), 'compose-check-'));
  for (const f of ['docker-compose.yml', '.env.example', 'deploy']) {
    cpSync(join(root, f), join(dir, f), { recursive: true });
  }
  mkdirSync(join(dir, 'apps'), { recursive: true });
  // Only PATH and HOME from the caller: nothing else of the shell may leak into the rendering.
  const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };
  const run = (files, extraEnv) =>
    spawnSync(cmd, [...pre, ...files.flatMap((f) => ['-f', f]), 'config'], {
      cwd: dir,
      env: { ...baseEnv, ...extraEnv },
      encoding: 'utf8',
    });
  let failures = 0;
  const report = (ok, what, detail = '') => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
    if (!ok) failures++;
  };

  try {
    const fresh = run(['docker-compose.yml'], { ENCRYPTION_KEY: KEY });
    report(
      fresh.status === 0,
      'config renders on a fresh copy with no .env and only ENCRYPTION_KEY set',
      fresh.stderr.trim(),
    );
    const api = serviceEnvironment(fresh.stdout, 'api');
    report(api.get('ENCRYPTION_KEY') === KEY, 'ENCRYPTION_KEY reaches the api service');

    const noKey = run(['docker-compose.yml'], {});
    report(
      noKey.status !== 0 && /ENCRYPTION_KEY/.test(noKey.stderr),
      'config refuses to render without ENCRYPTION_KEY',
    );

    // A .env with every variable of .env.example set to a value of its own.
    const names = envExampleNames(readFileSync(join(root, '.env.example'), 'utf8'));
    // PORT is also the load balancer's published port, which compose validates as a number.
    const sentinel = (n) => (n === 'PORT' ? '18080' : `from-dotenv-${n.toLowerCase()}`);
    const dotenv = names.map((n) => `${n}=${n === 'ENCRYPTION_KEY' ? KEY : sentinel(n)}`);
    if (!names.includes('ENCRYPTION_KEY')) dotenv.push(`ENCRYPTION_KEY=${KEY}`);
    // A provider docker-compose.yml does not list: reaches the API only through the env-file overlay.
    dotenv.push('CEREBRAS_API_KEY=from-dotenv-unlisted');
    writeFileSync(join(dir, '.env'), `${dotenv.join('\n')}\n`);
    const withDotenv = run(['docker-compose.yml'], {});
    report(
      withDotenv.status === 0,
      'config renders with a .env holding every variable',
      withDotenv.stderr.trim(),
    );
    const env = serviceEnvironment(withDotenv.stdout, 'api');
    const missing = names.filter((n) => !env.has(n));
    report(
      missing.length === 0,
      `all ${names.length} variables of .env.example reach the api service`,
      missing.join(', '),
    );
    const notPassed = names.filter(
      (n) =>
        env.has(n) &&
        !SET_BY_COMPOSE.has(n) &&
        n !== 'ENCRYPTION_KEY' &&
        env.get(n) !== sentinel(n),
    );
    report(
      notPassed.length === 0,
      'their values come from .env (except the service addresses compose sets)',
      notPassed.join(', '),
    );
    report(
      /18080/.test(withDotenv.stdout),
      'PORT from .env is the published port of the load balancer',
    );

    const overlays = run(
      ['docker-compose.yml', 'deploy/compose.tls.yml', 'deploy/compose.env-file.yml'],
      {},
    );
    report(
      overlays.status === 0,
      'config renders with deploy/compose.tls.yml and deploy/compose.env-file.yml',
      overlays.stderr.trim(),
    );
    const overlayEnv = serviceEnvironment(overlays.stdout, 'api');
    report(/tls\.conf/.test(overlays.stdout), 'the TLS overlay mounts the TLS server');
    report(
      overlayEnv.get('CEREBRAS_API_KEY') === 'from-dotenv-unlisted' &&
        overlayEnv.get('DATABASE_URL') === env.get('DATABASE_URL'),
      'the env-file overlay passes unlisted variables and keeps the service addresses',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    failures === 0 ? 'check-compose: all checks passed' : `check-compose: ${failures} failed`,
  );
  process.exit(failures === 0 ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
