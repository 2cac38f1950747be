import { JsonArrayFramer } from './json-array-framer';

describe('JsonArrayFramer', () => {
  it('turns SSE events into one JSON array, element by element, whatever the chunking', () => {
    const sse = 'data: {"a":1}\r\n\r\ndata: {"b":2}\n\ndata: {"c":3}\n\n';
    for (const size of [1, 4, 100]) {
      const framer = new JsonArrayFramer();
      let out = '';
      for (let i = 0; i < sse.length; i += size) out += framer.push(sse.slice(i, i + size));
      out += framer.end();
      expect(JSON.parse(out)).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
    }
  });

  it('emits the first element as soon as its event is complete', () => {
    const framer = new JsonArrayFramer();
    expect(framer.push('data: {"a":1}\n\n')).toBe('[{"a":1}');
    expect(framer.end()).toBe(']');
  });

  it('closes an empty stream as an empty array', () => {
    expect(new JsonArrayFramer().end()).toBe('[]');
  });
});
