// Golden-file runner: every case directory under __golden__/<from>-to-<to>/<case>/ holds inputs
// (request.json, upstream-response.json, upstream-stream.txt) and the expected outputs next to them.
// Regenerate expected outputs with UPDATE_GOLDEN=1 and review the diff.
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
  type CanonicalStreamEvent,
  type ConvertContext,
  type WireFormat,
} from './index';
import { assertClientStream } from './testing/stream-checks';

const ROOT = join(__dirname, '__golden__');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const BASE_CTX: ConvertContext = {
  upstreamModel: 'upstream-model',
  requestedModel: 'client-model',
  maxOutputTokens: 8192,
  id: 'resp_golden1',
  created: 1700000000,
};

function golden(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) {
    writeFileSync(path, actual);
    return;
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

const directions = readdirSync(ROOT, { withFileTypes: true }).filter(
  (d) => d.isDirectory() && d.name.includes('-to-'),
);

describe.each(directions.map((d) => d.name))('golden %s', (direction) => {
  const [from, to] = direction.split('-to-') as [WireFormat, WireFormat];
  const cases = readdirSync(join(ROOT, direction));

  it.each(cases)('%s', (name) => {
    const dir = join(ROOT, direction, name);
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
