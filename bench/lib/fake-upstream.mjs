// A fake LLM upstream that costs almost nothing: OpenAI Chat Completions and Anthropic Messages, JSON
// and SSE. Every streamed text delta is `@<monotonic ns>@`, the time the chunk was written, so a client
// on the same machine (process.hrtime.bigint() is CLOCK_MONOTONIC, shared by all processes) measures how
// long each chunk took to reach it, through any proxy.
//
//   node bench/lib/fake-upstream.mjs --port 0      → prints {"port":N} on stdout when listening
//
// `GET /_streams` answers how many streams are open, finished, and closed by the client before the end
// (bench/aborts.mjs reads it to see that the gateway hangs up on the upstream when its client does).
//
// A request picks its stream shape with `#chunks=N#cadence=MS#` anywhere in its body (default 100 chunks
// every 2 ms); the marker survives every proxy and format conversion because it sits in the message text.
import { createServer } from 'node:http';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 0);

const SHAPE = /#chunks=(\d+)#cadence=(\d+)#/;
const DEFAULT_CHUNKS = 100;
const DEFAULT_CADENCE_MS = 2;

const openAiJson = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello! How can I help you today?', refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18 },
  }),
);

const anthropicJson = Buffer.from(
  JSON.stringify({
    id: 'msg_bench',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content: [{ type: 'text', text: 'Hello! How can I help you today?' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 9, output_tokens: 9 },
  }),
);

const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

function openAiChunk(delta, extra = '') {
  return `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1760000000,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":${delta},"finish_reason":${extra || 'null'}}]}\n\n`;
}

const openAiStream = {
  start: () => openAiChunk('{"role":"assistant","content":""}'),
  delta: (text) => openAiChunk(`{"content":"${text}"}`),
  end: (usage) =>
    openAiChunk('{}', '"stop"') +
    (usage
      ? 'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1760000000,"model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":100,"total_tokens":109}}\n\n'
      : '') +
    'data: [DONE]\n\n',
};

const anthropicStream = {
  start: () =>
    'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":1}}}\n\n' +
    'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
  delta: (text) =>
    `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"${text}"}}\n\n`,
  end: () =>
    'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
    'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":100}}\n\n' +
    'event: message_stop\ndata: {"type":"message_stop"}\n\n',
};

const streamCounts = { open: 0, completed: 0, closedEarly: 0 };

function stream(req, res, format, body) {
  const shape = SHAPE.exec(body);
  const chunks = shape ? Number(shape[1]) : DEFAULT_CHUNKS;
  const cadence = shape ? Number(shape[2]) : DEFAULT_CADENCE_MS;
  const usage = body.includes('"include_usage":true');
  res.writeHead(200, SSE_HEADERS);
  res.write(format.start() + format.delta(`@${process.hrtime.bigint()}@`));
  let sent = 1;
  streamCounts.open++;
  const timer = setInterval(() => {
    if (sent < chunks) {
      res.write(format.delta(`@${process.hrtime.bigint()}@`));
      sent++;
    }
    if (sent >= chunks) {
      clearInterval(timer);
      res.end(format.end(usage));
    }
  }, cadence);
  res.on('close', () => {
    clearInterval(timer);
    streamCounts.open--;
    if (res.writableFinished) streamCounts.completed++;
    else streamCounts.closedEarly++;
  });
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/_streams') {
    res.writeHead(200, JSON_HEADERS);
    res.end(JSON.stringify(streamCounts));
    return;
  }
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    const body = parts.length === 1 ? parts[0].toString() : Buffer.concat(parts).toString();
    const anthropic = req.url.startsWith('/v1/messages');
    if (!anthropic && !req.url.startsWith('/v1/chat/completions')) {
      res.writeHead(404, JSON_HEADERS);
      res.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
      return;
    }
    if (/"stream"\s*:\s*true/.test(body)) {
      stream(req, res, anthropic ? anthropicStream : openAiStream, body);
      return;
    }
    const payload = anthropic ? anthropicJson : openAiJson;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': payload.length });
    res.end(payload);
  });
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
