import type { RunningServer } from '../../src/server';
import { FakeProviders, FAKE_USAGE, type ProviderFamily } from '../support/fake-providers';
import { api, startTestApp } from '../support/test-app';

export interface Matrix {
  app: RunningServer;
  fake: FakeProviders;
  /** The gateway secret every client sends as its API key. */
  secret: string;
}

/** One fake of the three provider families and one gateway app pointed at it. */
export async function startMatrix(env: Record<string, string> = {}): Promise<Matrix> {
  const fake = await new FakeProviders().start();
  const app = await startTestApp({ ...fake.env(), UPSTREAM_TIMEOUT_MS: '5000', ...env });
  const user = await api(app.url, 'POST', '/auth/join');
  const gw = await api(app.url, 'POST', '/gateway/create', {
    userId: user.body.id,
    body: { name: 'matrix' },
  });
  return { app, fake, secret: gw.body.secret };
}

export async function stopMatrix(m: Matrix | undefined): Promise<void> {
  await m?.app.close();
  await m?.fake.stop();
}

/** A model per provider family, as the catalog resolves them. */
export const UPSTREAMS: readonly { family: ProviderFamily; model: string }[] = [
  { family: 'openai', model: 'gpt-4o-mini' },
  { family: 'anthropic', model: 'claude-sonnet-4-6' },
  { family: 'gemini', model: 'gemini-2.5-flash' },
];

export type Mode = 'non-stream' | 'stream';
export type Kind = 'text' | 'tool round trip';

export interface Cell {
  family: ProviderFamily;
  model: string;
  mode: Mode;
  kind: Kind;
}

/** upstream family × stream/non-stream × text/tool round trip, for one client format. */
export const CELLS: Cell[] = UPSTREAMS.flatMap((u) =>
  (['non-stream', 'stream'] as const).flatMap((mode) =>
    (['text', 'tool round trip'] as const).map((kind) => ({ ...u, mode, kind })),
  ),
);

export const QUESTION = 'What is the weather in Paris?';
export const TOOL_RESULT = '{"temperature_c":22,"sky":"sunny"}';
export const FINAL_TEXT = 'It is sunny in Paris';
export const greeting = (family: ProviderFamily) => `Hello from ${family}`;

/** The weather tool's JSON Schema, with what Gemini rejects (additionalProperties) left for the gateway to clean. */
export const WEATHER_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string', description: 'City name' } },
  required: ['city'],
  additionalProperties: false,
} as const;

export const usage = {
  prompt: FAKE_USAGE.prompt,
  cached: FAKE_USAGE.cached,
  output: (kind: 'text' | 'tool') =>
    kind === 'tool' ? FAKE_USAGE.toolOutput : FAKE_USAGE.textOutput,
};

/**
 * The upstream calls one client call made: all of them valid for the real API, all to the family
 * the model belongs to, on the path that family serves for this client.
 */
export function expectUpstreamCalls(
  fake: FakeProviders,
  family: ProviderFamily,
  path: RegExp,
  count: number,
): void {
  expect(fake.requests.map((r) => ({ family: r.family, problems: r.problems }))).toEqual(
    Array.from({ length: count }, () => ({ family, problems: [] })),
  );
  for (const r of fake.requests) expect(r.path).toMatch(path);
}

/** Path the gateway must call upstream for a client format. */
export function upstreamPath(family: ProviderFamily, stream: boolean, responsesClient = false) {
  switch (family) {
    case 'openai':
      return responsesClient ? /^\/v1\/responses$/ : /^\/v1\/chat\/completions$/;
    case 'anthropic':
      return /^\/v1\/messages$/;
    case 'gemini':
      return stream ? /:streamGenerateContent$/ : /:generateContent$/;
  }
}
