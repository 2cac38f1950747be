import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as a collector sees it, the same whichever OTLP encoding carried it. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** 1 internal, 2 server, 3 client (OTLP SpanKind) */
  kind: number;
  attributes: Record<string, unknown>;
  /** 0 unset, 1 ok, 2 error */
  statusCode: number;
  resource: Record<string, unknown>;
  /** the content type of the export that carried it */
  encoding: string;
}

/**
 * A minimal OTLP/HTTP trace collector on a loopback port: accepts `POST /v1/traces` in JSON and in
 * protobuf (decoded by hand: the few messages of ExportTraceServiceRequest a span needs), answers 200.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly posts: { path: string; contentType: string; headers: Record<string, unknown> }[] = [];
  private server!: Server;

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const contentType = String(req.headers['content-type'] ?? '');
        this.posts.push({ path: req.url ?? '', contentType, headers: req.headers });
        if (req.url === '/v1/traces') {
          this.spans.push(
            ...(contentType.includes('json')
              ? fromJson(JSON.parse(body.toString('utf8')), contentType)
              : fromProtobuf(body, contentType)),
          );
        }
        res.writeHead(200, { 'content-type': contentType || 'application/json' });
        res.end(contentType.includes('json') ? '{}' : undefined);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The spans of one trace once `count` of them arrived (batches are exported every OTEL_BSP_SCHEDULE_DELAY). */
  async trace(traceId: string, count: number, timeoutMs = 20_000): Promise<ReceivedSpan[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.spans.filter((s) => s.traceId === traceId);
      if (found.length >= count) return found;
      if (Date.now() > deadline)
        throw new Error(`${found.length} of ${count} spans of trace ${traceId} arrived`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

// --- OTLP/JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): ids in hex.

function jsonValue(v: any): unknown {
  if (v === undefined || v === null) return undefined;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('arrayValue' in v) return (v.arrayValue.values ?? []).map(jsonValue);
  return undefined;
}

function jsonAttributes(list: any[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, jsonValue(kv.value)]));
}

function fromJson(body: any, encoding: string): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of body.resourceSpans ?? []) {
    const resource = jsonAttributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        out.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? '',
          name: s.name,
          kind: s.kind,
          attributes: jsonAttributes(s.attributes),
          statusCode: s.status?.code ?? 0,
          resource,
          encoding,
        });
      }
    }
  }
  return out;
}

// --- OTLP/protobuf: a wire-format reader (varint, fixed64, length-delimited, fixed32).

type Field = number | bigint | Buffer;

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buf[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

/** Field number → values, in order. */
function fields(buf: Buffer): Map<number, Field[]> {
  const out = new Map<number, Field[]>();
  let pos = 0;
  while (pos < buf.length) {
    const [key, next] = readVarint(buf, pos);
    pos = next;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    let value: Field;
    if (wire === 0) {
      const [v, after] = readVarint(buf, pos);
      value = v;
      pos = after;
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 2) {
      const [len, after] = readVarint(buf, pos);
      value = buf.subarray(after, after + Number(len));
      pos = after + Number(len);
    } else if (wire === 5) {
      value = buf.readUInt32LE(pos);
      pos += 4;
    } else {
      throw new Error(`unsupported protobuf wire type ${wire}`);
    }
    out.set(no, [...(out.get(no) ?? []), value]);
  }
  return out;
}

const one = (m: Map<number, Field[]>, no: number) => m.get(no)?.[0];
const bytes = (m: Map<number, Field[]>, no: number) =>
  (one(m, no) as Buffer | undefined) ?? Buffer.alloc(0);
const text = (m: Map<number, Field[]>, no: number) => bytes(m, no).toString('utf8');

// AnyValue: 1 string, 2 bool, 3 int64, 4 double, 5 ArrayValue { repeated AnyValue values = 1 }.
function protoValue(buf: Buffer): unknown {
  const m = fields(buf);
  if (m.has(1)) return text(m, 1);
  if (m.has(2)) return one(m, 2) === 1n;
  if (m.has(3)) return Number(BigInt.asIntN(64, one(m, 3) as bigint));
  if (m.has(4)) return (one(m, 4) as Buffer).readDoubleLE(0);
  if (m.has(5)) return (fields(bytes(m, 5)).get(1) ?? []).map((v) => protoValue(v as Buffer));
  return undefined;
}

// KeyValue: 1 key, 2 value.
function protoAttributes(list: Field[] | undefined): Record<string, unknown> {
  return Object.fromEntries(
    (list ?? []).map((kv) => {
      const m = fields(kv as Buffer);
      return [text(m, 1), protoValue(bytes(m, 2))];
    }),
  );
}

// ExportTraceServiceRequest 1 ResourceSpans{1 Resource{1 attributes}, 2 ScopeSpans{2 Span}}; Span: 1 trace_id,
// 2 span_id, 4 parent_span_id, 5 name, 6 kind, 9 attributes, 15 Status{3 code}.
function fromProtobuf(body: Buffer, encoding: string): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of fields(body).get(1) ?? []) {
    const rsf = fields(rs as Buffer);
    const resource = protoAttributes(fields(bytes(rsf, 1)).get(1));
    for (const ss of rsf.get(2) ?? []) {
      for (const sp of fields(ss as Buffer).get(2) ?? []) {
        const s = fields(sp as Buffer);
        const status = s.has(15) ? fields(bytes(s, 15)) : undefined;
        out.push({
          traceId: bytes(s, 1).toString('hex'),
          spanId: bytes(s, 2).toString('hex'),
          parentSpanId: bytes(s, 4).toString('hex'),
          name: text(s, 5),
          kind: Number(one(s, 6) ?? 0n),
          attributes: protoAttributes(s.get(9)),
          statusCode: status ? Number(one(status, 3) ?? 0n) : 0,
          resource,
          encoding,
        });
      }
    }
  }
  return out;
}
