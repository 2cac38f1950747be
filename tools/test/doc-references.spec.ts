// The docs name files and functions; when code moves, they must move with it. This reads every
// README and doc, and checks that each backticked path exists and each backticked symbol is still
// defined somewhere in the sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Tracked files (and new, not yet ignored ones): the repo as a reader would clone it. */
const FILES = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && existsSync(join(ROOT, f)));
const BASENAMES = new Set(FILES.map((f) => basename(f)));

const DOCS = FILES.filter((f) =>
  /^(README\.md|docs\/[^/]+\.md|libs\/[^/]+\/README\.md|apps\/[^/]+\/README\.md)$/.test(f),
);
/** Docs whose function and type names are checked too (the others name few, or only commands). */
const SYMBOL_DOCS = DOCS.filter(
  (f) => f === 'docs/routing.md' || /^libs\/[^/]+\/README\.md$/.test(f),
);

const SOURCES = FILES.filter(
  (f) =>
    /\.(ts|tsx|mjs|js)$/.test(f) &&
    /^(apps|libs|bench|tools|deploy)\//.test(f) &&
    !f.includes('__golden__') &&
    !f.startsWith('tools/test/'),
)
  .map((f) => readFileSync(join(ROOT, f), 'utf8'))
  .join('\n');

const EXTENSIONS = /\.(ts|tsx|mjs|js|json|md|yml|yaml|sql|html|css)$/;
const REPO_DIRS = /^(apps|libs|docs|bench|tools|deploy)\//;
/** Written by a run, never committed (see .gitignore). */
const RUN_OUTPUTS =
  /^(bench-results|test-results|screenshots|data)\/|^latest\.(md|json)$|(^|\/)dist(\/|$)/;
/** Names of other systems that docs rightly mention in code style (ClickHouse table engines). */
const NOT_CODE = new Set(['MergeTree', 'AggregatingMergeTree', 'ReplacingMergeTree']);
/** Project folders: a doc may name `test/sdk.spec.ts` of the project it describes. */
const PROJECT_ROOTS = [...new Set(FILES.map((f) => /^(apps|libs)\/[^/]+\//.exec(f)?.[0]))].filter(
  (r): r is string => r !== undefined,
);

/** Backticked spans, outside fenced code blocks (those show commands and output, not references). */
function codeSpans(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].trim());
}

function pathExists(doc: string, ref: string): boolean {
  const clean = ref.replace(/[#:].*$/, '').replace(/\/$/, '');
  if (!clean.includes('/')) return BASENAMES.has(clean);
  const candidates = [
    join(ROOT, clean),
    join(ROOT, dirname(doc), clean),
    ...PROJECT_ROOTS.map((r) => join(ROOT, r, clean)),
  ];
  return candidates.some((p) => existsSync(p));
}

function isPathRef(ref: string): boolean {
  if (/\s|[*<>{}$]/.test(ref) || ref.startsWith('/') || /^[a-z]+:\/\//.test(ref)) return false;
  if (RUN_OUTPUTS.test(ref)) return false;
  const clean = ref.replace(/[#:].*$/, '').replace(/\/$/, '');
  if (REPO_DIRS.test(clean)) return true;
  // A bare or relative file name: `proxy.service.ts`, `src/golden.spec.ts`; package paths
  // (`fastify/lib/...`) are someone else's files.
  if (!EXTENSIONS.test(clean)) return false;
  const first = clean.split('/')[0];
  return !clean.includes('/') || ['src', 'test', 'scripts', 'e2e', 'bench'].includes(first);
}

/**
 * The names a code span refers to: `planRoute()` → planRoute; `router.plan(x)` → plan;
 * `RoutePlan` → RoutePlan; `GatewayAuthIndex.lookup` → GatewayAuthIndex and lookup.
 */
function symbolsOf(ref: string): string[] {
  const call = /^((?:[A-Za-z_$][\w$]*\.)*)([A-Za-z_$][\w$]*)\([^()]*\)$/.exec(ref);
  if (call) {
    // `routing.plan()`: an instance, only the method can be looked up; `Foo.bar()`: both.
    const owner = call[1].split('.')[0];
    return /^[A-Z]/.test(owner) ? [owner, call[2]] : [call[2]];
  }
  const member = /^([A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*)(?:\.([a-z_]\w*))?$/.exec(ref);
  if (member) return [member[1], member[2]].filter((n): n is string => n !== undefined);
  return [];
}

function isDefined(name: string): boolean {
  if (NOT_CODE.has(name) || name in globalThis) return true;
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(
    [
      `\\b(?:function\\*?|class|interface|type|enum|const|let|var)\\s+${n}\\b`,
      // methods and object members: `  async plan(a: A): B {`, `  private plan<T>(`, `plan: (`
      // (a line ending in `{`, or in `(` when the parameters follow: a call ends in `;`)
      `^\\s*(?:(?:public|private|protected|static|async|readonly|get|set|override)\\s+)*${n}\\s*(?:<[^>]*>)?\\((?:.*\\)(?:\\s*:\\s*[^;]+)?\\s*\\{)?\\s*$`,
      `\\b${n}\\s*[:=]\\s*(?:async\\s*)?(?:\\([^)]*\\)|\\w+)\\s*=>`,
      `export\\s*\\{[^}]*\\b${n}\\b`,
      // a library's export we use by name (undici's `ProxyAgent`)
      `import\\s*\\{[^}]*\\b${n}\\b[^}]*\\}\\s*from`,
    ].join('|'),
    'm',
  ).test(SOURCES);
}

describe('doc references', () => {
  it('finds the docs', () => {
    expect(DOCS).toEqual(expect.arrayContaining(['README.md', 'docs/routing.md']));
  });

  it.each(DOCS)('%s names only files that exist', (doc) => {
    const refs = codeSpans(readFileSync(join(ROOT, doc), 'utf8')).filter(isPathRef);
    expect(refs.filter((ref) => !pathExists(doc, ref))).toEqual([]);
  });

  it.each(SYMBOL_DOCS)('%s names only functions and types that are defined', (doc) => {
    const names = codeSpans(readFileSync(join(ROOT, doc), 'utf8')).flatMap(symbolsOf);
    expect([...new Set(names)].filter((n) => !isDefined(n))).toEqual([]);
  });
});
