import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { ROUTES } from '@gateway/contracts';
import { OpenApiBuilder } from './openapi-document';

const gzipAsync = promisify(gzip);

export interface ServedFile {
  body: Buffer;
  /** The same body gzipped, for clients that accept it (the Swagger UI bundle is 1.7 MB raw). */
  gzipped: Buffer;
  type: string;
  etag: string;
}

/** The swagger-ui-dist files the page loads, with their types; nothing else is served from there. */
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

// Absolute paths, so the page works at /docs and /docs/ alike; no CDN, so it works offline.
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>LLM Gateway API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

// A script file rather than an inline one, so a Content-Security-Policy without 'unsafe-inline' allows it.
// validatorUrl: null keeps the page from sending the document to swagger.io's online validator.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  filter: true,
  displayRequestDuration: true,
  validatorUrl: null,
});
`;

/**
 * `GET /openapi.json` and `GET /docs`: the document is built from `ROUTES` on first request (not at
 * boot) and kept; Swagger UI's files are read from the installed swagger-ui-dist on first request.
 */
@Injectable()
export class ApiReferenceService {
  private readonly files = new Map<string, Promise<ServedFile>>();

  openApiDocument(): Promise<ServedFile> {
    return this.cached('openapi.json', async () => {
      // One route per event-loop turn: proxied requests keep flowing while the document is built.
      const builder = new OpenApiBuilder();
      for (const [key, spec] of Object.entries(ROUTES)) {
        builder.add(key, spec);
        await nextTurn();
      }
      const document = builder.document(await apiVersion());
      return served(Buffer.from(JSON.stringify(document)), 'application/json');
    });
  }

  page(): Promise<ServedFile> {
    return this.cached('index.html', async () =>
      served(Buffer.from(PAGE), 'text/html; charset=utf-8'),
    );
  }

  /** One of the page's files, or undefined for any other name. */
  asset(name: string): Promise<ServedFile> | undefined {
    if (name === 'init.js')
      return this.cached(name, () => served(Buffer.from(INIT), 'text/javascript; charset=utf-8'));
    const type = Object.hasOwn(SWAGGER_FILES, name) ? SWAGGER_FILES[name] : undefined;
    if (!type) return undefined;
    return this.cached(name, async () => served(await readFile(join(swaggerUiDir(), name)), type));
  }

  private cached(name: string, load: () => Promise<ServedFile>): Promise<ServedFile> {
    let file = this.files.get(name);
    if (!file) {
      file = load();
      // A failed read is retried on the next request rather than remembered.
      file.catch(() => this.files.delete(name));
      this.files.set(name, file);
    }
    return file;
  }
}

async function served(body: Buffer, type: string): Promise<ServedFile> {
  return {
    body,
    gzipped: await gzipAsync(body),
    type,
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
  };
}

function swaggerUiDir(): string {
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}

/** The API package's version (apps/api/package.json, from src/ and dist/ alike). */
async function apiVersion(): Promise<string> {
  const file = resolve(__dirname, '..', '..', '..', 'package.json');
  const pkg = JSON.parse(await readFile(file, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
