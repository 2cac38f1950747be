import { SseParser, sseFrame } from './sse';

const STREAM =
  'event: message_start\r\ndata: {"a":1}\r\n\r\n: keepalive\n\ndata: line1\ndata: line2\n\nevent: ping\ndata: {}\n\ndata: tail';

function parseIn(pieces: string[]) {
  const p = new SseParser();
  return [...pieces.flatMap((x) => p.push(x)), ...p.end()];
}

describe('SseParser', () => {
  const expected = [
    { event: 'message_start', data: '{"a":1}' },
    { event: undefined, data: 'line1\nline2' },
    { event: 'ping', data: '{}' },
    { event: undefined, data: 'tail' },
  ];

  it('parses named events, comments, multi-line data and an unterminated last event', () => {
    expect(parseIn([STREAM])).toEqual(expected);
  });

  it('gives identical events however the text is split, including between \\r and \\n', () => {
    expect(parseIn([...STREAM])).toEqual(expected);
    for (let i = 1; i < STREAM.length; i++) {
      expect(parseIn([STREAM.slice(0, i), STREAM.slice(i)])).toEqual(expected);
    }
  });

  it('treats a lone \\r as a line end', () => {
    expect(parseIn(['data: x\r\rdata: y\r\r'])).toEqual([
      { event: undefined, data: 'x' },
      { event: undefined, data: 'y' },
    ]);
  });
});

describe('sseFrame', () => {
  it('omits the event line when no name is given (Gemini clients reject event lines)', () => {
    expect(sseFrame(undefined, '{}')).toBe('data: {}\n\n');
    expect(sseFrame('message_stop', '{}')).toBe('event: message_stop\ndata: {}\n\n');
  });
});
