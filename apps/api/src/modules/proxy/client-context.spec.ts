import { clientRequestId, clientTraceHeaders } from './client-context';

describe('clientRequestId', () => {
  it('adopts a token of up to 128 characters', () => {
    expect(clientRequestId({ 'x-request-id': 'req_01HZX-abc.def' })).toBe('req_01HZX-abc.def');
    expect(clientRequestId({ 'x-request-id': 'a'.repeat(128) })).toBe('a'.repeat(128));
    expect(clientRequestId({ 'x-request-id': "!#$%&'*+-.^_`|~9" })).toBe("!#$%&'*+-.^_`|~9");
  });

  it('ignores missing, empty, long, spaced, non-ASCII or repeated ids', () => {
    expect(clientRequestId({})).toBeUndefined();
    expect(clientRequestId({ 'x-request-id': '' })).toBeUndefined();
    expect(clientRequestId({ 'x-request-id': 'a'.repeat(129) })).toBeUndefined();
    expect(clientRequestId({ 'x-request-id': 'two words' })).toBeUndefined();
    expect(clientRequestId({ 'x-request-id': 'a,b' })).toBeUndefined();
    expect(clientRequestId({ 'x-request-id': 'caf\u00e9' })).toBeUndefined();
    expect(clientRequestId({ 'x-request-id': 'a"b' })).toBeUndefined();
    expect(clientRequestId({ 'x-request-id': ['a', 'b'] })).toBeUndefined();
  });
});

describe('clientTraceHeaders', () => {
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('passes a well-formed traceparent on, with its tracestate', () => {
    expect(clientTraceHeaders({ traceparent })).toEqual({ traceparent });
    expect(clientTraceHeaders({ traceparent, tracestate: 'congo=t61rcWkgMzE' })).toEqual({
      traceparent,
      tracestate: 'congo=t61rcWkgMzE',
    });
  });

  it('drops malformed context', () => {
    expect(clientTraceHeaders({})).toBeUndefined();
    expect(clientTraceHeaders({ traceparent: traceparent.toUpperCase() })).toBeUndefined();
    expect(clientTraceHeaders({ traceparent: `${traceparent}\r\nx: y` })).toBeUndefined();
    expect(clientTraceHeaders({ traceparent, tracestate: 'x\u0000' })).toEqual({ traceparent });
  });
});
