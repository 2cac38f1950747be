// Golden-file runner: every case directory under __golden__/<from>-to-<to>/<case>/ holds inputs
// (request.json, upstream-response.json, upstream-stream.txt) and the expected outputs next to them.
// Regenerate expected outputs with UPDATE_GOLDENS=1 (or UPDATE_GOLDEN=1) and review the diff. Without it, a
// missing expected file fails, and so does a file the case does not produce (a stale or misnamed golden).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createStreamDecoder,
  createStreamEncoder,
  fromCanonicalRequest,
  fromCanonicalResponse,
  toCanonicalRequest,
  toCanonicalResponse,
  validateAnthropicRequest,
  validateGeminiRequest,
  validateOpenAIChatRequest,
  WIRE_FORMATS,
  type CanonicalStreamEvent,
  type ConvertContext,
  type WireFormat,
} from './index';
import { assertClientStream } from './testing/stream-checks';

const ROOT = join(__dirname, '__golden__');
const UPDATE = process.env.UPDATE_GOLDENS === '1' || process.env.UPDATE_GOLDEN === '1';
const INPUTS = ['request.json', 'upstream-response.json', 'upstream-stream.txt'] as const;
/** Expected outputs each input produces. */
const OUTPUTS: Record<(typeof INPUTS)[number], string[]> = {
  'request.json': ['upstream-request.json'],
  'upstream-response.json': ['response.json'],
  'upstream-stream.txt': ['events.json', 'stream.txt'],
};
const BASE_CTX: ConvertContext = {
  upstreamModel: 'upstream-model',
  requestedModel: 'client-model',
  maxOutputTokens: 8192,
  id: 'resp_golden1',
  created: 1700000000,
};

function golden(path: string, actual: string): void {
  if (UPDATE) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(
      `missing golden ${path}: run with UPDATE_GOLDENS=1 to write it, then review it`,
    );
  }
  const expected = readFileSync(path, 'utf8');
  // JSON goldens compare by value so reformatting them (prettier) does not break the suite.
  if (path.endsWith('.json')) expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
  else expect(actual).toEqual(expected);
}

const json = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';

function validate(format: WireFormat, body: unknown): string[] {
  switch (format) {
    case 'anthropic-messages':
      return validateAnthropicRequest(body);
    case 'gemini':
      return validateGeminiRequest(body);
    case 'openai-chat':
      return validateOpenAIChatRequest(body);
    case 'openai-responses':
      return [];
  }
}

function runStream(
  to: WireFormat,
  from: WireFormat,
  text: string,
  pieces: string[],
  ctx: ConvertContext & { includeUsage?: boolean },
) {
  const decoder = createStreamDecoder(to);
  const encoder = createStreamEncoder(from, ctx);
  const events: CanonicalStreamEvent[] = [];
  let out = '';
  for (const piece of pieces) {
    for (const ev of decoder.push(piece)) {
      events.push(ev);
      out += encoder.push(ev);
    }
  }
  for (const ev of decoder.end()) {
    events.push(ev);
    out += encoder.push(ev);
  }
  out += encoder.end();
  void text;
  return { events, out };
}

const directions = readdirSync(ROOT, { withFileTypes: true });

it('every golden folder is <from>-to-<to> between two known formats', () => {
  const bad = directions.filter((d) => {
    const [from, to, ...rest] = d.name.split('-to-');
    return (
      !d.isDirectory() ||
      rest.length > 0 ||
      !WIRE_FORMATS.includes(from as WireFormat) ||
      !WIRE_FORMATS.includes(to as WireFormat)
    );
  });
  expect(bad.map((d) => d.name)).toEqual([]);
});

describe.each(directions.map((d) => d.name))('golden %s', (direction) => {
  const [from, to] = direction.split('-to-') as [WireFormat, WireFormat];
  const cases = readdirSync(join(ROOT, direction));

  it.each(cases)('%s', (name) => {
    const dir = join(ROOT, direction, name);
    const files = readdirSync(dir);
    const inputs = INPUTS.filter((f) => files.includes(f));
    expect(inputs.length).toBeGreaterThan(0);
    const produced = new Set<string>([...inputs, ...inputs.flatMap((f) => OUTPUTS[f])]);
    // An expected file no input produces is never checked: fail instead of passing silently.
    expect(files.filter((f) => !produced.has(f))).toEqual([]);
    let ctx: ConvertContext & { includeUsage?: boolean } = { ...BASE_CTX };
    const reqPath = join(dir, 'request.json');
    if (existsSync(reqPath)) {
      const canonical = toCanonicalRequest(from, JSON.parse(readFileSync(reqPath, 'utf8')));
      // Gemini clients choose streaming by URL; the server sets it.
      if (name.startsWith('stream')) canonical.stream = true;
      const result = fromCanonicalRequest(to, canonical, ctx);
      golden(join(dir, 'upstream-request.json'), json(result));
      expect(validate(to, result.body)).toEqual([]);
      ctx = {
        ...ctx,
        toolNameMap: result.toolNameMap,
        includeUsage: canonical.includeUsage ?? from !== 'openai-chat',
      };
    }
    const resPath = join(dir, 'upstream-response.json');
    if (existsSync(resPath)) {
      const canonical = toCanonicalResponse(to, JSON.parse(readFileSync(resPath, 'utf8')));
      golden(join(dir, 'response.json'), json(fromCanonicalResponse(from, canonical, ctx)));
    }
    const streamPath = join(dir, 'upstream-stream.txt');
    if (existsSync(streamPath)) {
      const text = readFileSync(streamPath, 'utf8');
      const whole = runStream(to, from, text, [text], ctx);
      golden(join(dir, 'events.json'), json(whole.events));
      golden(join(dir, 'stream.txt'), whole.out);
      assertClientStream(from, whole.out);
      // Fed one character at a time, the converters must produce byte-identical output.
      const byChar = runStream(to, from, text, [...text], ctx);
      expect(byChar.events).toEqual(whole.events);
      expect(byChar.out).toEqual(whole.out);
    }
  });
});
