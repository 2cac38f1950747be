import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

// Paths that belong to the API: an unknown path under them is a JSON 404, never the dashboard.
const API_PREFIXES = [
  '/v1',
  '/v1beta',
  '/auth',
  '/gateway',
  '/teams',
  '/analytics',
  '/catalog',
  '/health',
  '/chat',
  '/docs',
  '/openapi.json',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
  immutable: boolean;
}

export function defaultDashboardDir(): string {
  // apps/api/dist/modules/web → apps/web/dist
  return resolve(__dirname, '..', '..', '..', '..', 'web', 'dist');
}

function isApiPath(path: string): boolean {
  return API_PREFIXES.some(
    (p) => path === p || path.startsWith(p + '/') || path.startsWith(p + ':'),
  );
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** The built dashboard is a few small files: read once at boot, served from memory. */
async function loadFiles(dir: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const full of await walk(dir)) {
    const body = await readFile(full);
    const urlPath = '/' + relative(dir, full).split(sep).join('/');
    files.set(urlPath, {
      body,
      type: CONTENT_TYPES[extname(full)] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      // Vite puts content-hashed bundles under /assets.
      immutable: urlPath.startsWith('/assets/'),
    });
  }
  return files;
}

function send(
  reply: FastifyReply,
  file: StaticFile,
  ifNoneMatch: string | undefined,
): FastifyReply {
  reply
    .header('etag', file.etag)
    .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (ifNoneMatch === file.etag) return reply.code(304).send();
  return reply.type(file.type).send(file.body);
}

/**
 * Serves the built dashboard at `/`: its files, and index.html for any other GET that asks for HTML outside
 * the API's paths (client-side routes), so no API route is shadowed. Returns false when it is not built.
 */
export async function registerDashboard(
  fastify: FastifyInstance,
  dir = defaultDashboardDir(),
): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) return false;
  const files = await loadFiles(dir);
  const index = files.get('/index.html')!;
  fastify.get('/*', (req, reply) => {
    const path = req.url.split('?', 1)[0];
    const inm = req.headers['if-none-match'];
    const file = files.get(path === '/' ? '/index.html' : path);
    if (file) return send(reply, file, inm);
    if (!isApiPath(path) && String(req.headers.accept ?? '').includes('text/html'))
      return send(reply, index, inm);
    return reply
      .code(404)
      .send({ error: { message: `Cannot GET ${path}`, type: 'not_found', code: 'not_found' } });
  });
  return true;
}
