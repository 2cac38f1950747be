#!/usr/bin/env node
// Static checks of the Dockerfile and .dockerignore (no container engine needed), run by .ci/run
// after the syntax lint (dockerfile-utils). They guard what a review of the image found once:
// root at run time, the whole tree (with .git, tests, dev dependencies) in the last stage, secrets in
// the build context, an end-of-life Node, a health check on a fixed port with no start period.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SUPPORTED_NODE = [22, 24];

/** Instructions with continuation lines joined; comments and blank lines dropped. */
export function instructions(text) {
  const out = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    const m = /^(\S+)\s*(.*)$/.exec(current);
    out.push({ op: m[1].toUpperCase(), args: m[2] });
    current = '';
  }
  return out;
}

export function checkDockerfile(dockerfile, dockerignore) {
  const problems = [];
  const all = instructions(dockerfile);
  const args = new Map();
  for (const i of all) {
    if (i.op === 'FROM') break;
    const m = /^(\w+)=(\S+)/.exec(i.args);
    if (i.op === 'ARG' && m) args.set(m[1], m[2]);
  }
  const froms = all.filter((i) => i.op === 'FROM');
  if (froms.length < 2)
    problems.push('a multi-stage build is expected (build stage, runtime stage)');
  for (const f of froms) {
    const image = f.args.split(/\s+/)[0].replace(/^\$\{?(\w+)\}?$/, (_, n) => args.get(n) ?? _);
    const node = /^node:(\d+)/.exec(image);
    if (node && !SUPPORTED_NODE.includes(Number(node[1]))) {
      problems.push(`FROM ${image}: use a supported Node LTS (${SUPPORTED_NODE.join(' or ')})`);
    }
  }
  // Stages that hold the source tree (tests, .git if not ignored, dev dependencies): copying their
  // whole /app into the runtime stage ships all of it.
  const stageOf = (i) => froms.filter((f) => all.indexOf(f) <= all.indexOf(i)).pop();
  const stageName = (f) => (/\sAS\s+(\S+)/i.exec(f.args) ?? [])[1];
  const withSources = new Set();
  for (const c of all.filter((i) => i.op === 'COPY' || i.op === 'ADD')) {
    if (/--from=/.test(c.args)) continue;
    const sources = c.args
      .split(/\s+/)
      .filter((p) => !p.startsWith('--'))
      .slice(0, -1);
    if (sources.some((s) => ['.', './', 'apps', 'libs'].includes(s.replace(/\/$/, '') || '.'))) {
      withSources.add(stageName(stageOf(c)));
    }
  }
  const lastFrom = all.indexOf(froms[froms.length - 1]);
  const last = all.slice(lastFrom + 1);
  const users = last.filter((i) => i.op === 'USER').map((i) => i.args.split(':')[0]);
  const finalUser = users[users.length - 1];
  if (!finalUser || finalUser === 'root' || finalUser === '0') {
    problems.push('the runtime stage must end on a non-root USER');
  }
  for (const c of last.filter((i) => i.op === 'COPY' || i.op === 'ADD')) {
    const from = (/--from=(\S+)/.exec(c.args) ?? [])[1];
    const sources = c.args
      .split(/\s+/)
      .filter((p) => !p.startsWith('--'))
      .slice(0, -1);
    const whole = sources.some((s) => ['.', './', '/app', '/app/'].includes(s));
    if (whole && (from === undefined || withSources.has(from))) {
      problems.push(
        `runtime stage copies a whole source tree (${c.op} ${c.args}): copy only build output and production dependencies`,
      );
    }
  }
  const health = last.find((i) => i.op === 'HEALTHCHECK');
  if (!health) problems.push('the runtime stage needs a HEALTHCHECK');
  else {
    if (!/--start-period=/.test(health.args)) problems.push('HEALTHCHECK needs --start-period');
    if (!/PORT/.test(health.args)) problems.push('HEALTHCHECK must use $PORT, not a fixed port');
  }
  const ignored = dockerignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const needed of ['.env', '.git', 'data', 'node_modules']) {
    if (!ignored.includes(needed)) problems.push(`.dockerignore must list ${needed}`);
  }
  if (ignored.includes('!.env')) problems.push('.dockerignore must not re-include .env');
  return problems;
}

/** Every npm workspace's package.json must be in the image before `npm ci`, or the lock does not match. */
export function missingWorkspaces(dockerfile, workspaces) {
  return workspaces.filter((w) => !dockerfile.includes(`COPY ${w}/package.json ${w}/`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkDockerfile(
    readFileSync(join(root, 'Dockerfile'), 'utf8'),
    readFileSync(join(root, '.dockerignore'), 'utf8'),
  );
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const workspaces = pkg.workspaces.flatMap((pattern) => {
    const dir = pattern.replace(/\/\*$/, '');
    return readdirSync(join(root, dir))
      .map((name) => `${dir}/${name}`)
      .filter((w) => existsSync(join(root, w, 'package.json')));
  });
  for (const w of missingWorkspaces(readFileSync(join(root, 'Dockerfile'), 'utf8'), workspaces)) {
    problems.push(`the Dockerfile does not copy ${w}/package.json before installing`);
  }
  for (const p of problems) console.log(`FAIL ${p}`);
  console.log(
    problems.length === 0
      ? 'check-dockerfile: all checks passed'
      : `check-dockerfile: ${problems.length} failed`,
  );
  process.exit(problems.length === 0 ? 0 : 1);
}
