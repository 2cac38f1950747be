// Reads a V8 .cpuprofile (node --cpu-prof) and says what dominates a time window: self and inclusive
// time per function, and self time per area (a package, node internals, the gateway's own code).
//
//   node bench/lib/profile.mjs <file.cpuprofile>     → the whole profile
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function areaOf(url, name, root) {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const rel = root && path.startsWith(root) ? path.slice(root.length + 1) : path;
  const lib = /^libs\/([^/]+)\//.exec(rel);
  if (lib) return `@gateway/${lib[1]}`;
  const api = /^apps\/api\/dist\/(?:modules\/)?([^/]+)/.exec(rel);
  if (api) return `apps/api ${api[1].replace(/\.js$/, '')}`;
  return rel;
}

/** Markdown: the top functions by self and inclusive time, and self time per area, in the window. */
export function summarizeProfile(profile, { fromUs, toUs, root, top = 25 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const where = f.url
      ? `${areaOf(f.url, f.functionName, root)} ${f.url.split('/').pop()}:${f.lineNumber + 1}`
      : '';
    return `${f.functionName || '(anonymous)'} ${where}`.trim();
  };

  let t = profile.startTime;
  const picked = [];
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (fromUs === undefined || (t >= fromUs && t <= toUs)) picked.push(profile.samples[i]);
  }
  const windowed = fromUs !== undefined && picked.length > 0;
  const samples = windowed ? picked : profile.samples;

  const self = new Map();
  const inclusive = new Map();
  const areas = new Map();
  let busy = 0;
  for (const id of samples) {
    const node = byId.get(id);
    const name = node.callFrame.functionName;
    if (name === '(idle)') continue;
    busy++;
    const key = label(node);
    self.set(key, (self.get(key) ?? 0) + 1);
    const area = areaOf(node.callFrame.url, name, root);
    areas.set(area, (areas.get(area) ?? 0) + 1);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = label(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
    }
  }
  const pct = (n) => `${((100 * n) / busy).toFixed(1)} %`;
  const table = (title, map, n) =>
    [
      `| ${title} | share of busy samples |`,
      '| --- | ---: |',
      ...[...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `| \`${k.replace(/\|/g, '\\|')}\` | ${pct(v)} |`),
    ].join('\n');
  const idle = samples.length - busy;
  return [
    `## CPU profile of the gateway under load`,
    '',
    `${samples.length} samples${windowed ? ' in the load window' : ' (whole run: no sample fell in the load window)'}, ` +
      `${((100 * idle) / samples.length).toFixed(1)} % idle.`,
    '',
    table('area (self time)', areas, 20),
    '',
    table('function (self time)', self, top),
    '',
    table('function (inclusive time)', inclusive, top),
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  console.log(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), { root: process.cwd() }));
}
