import { sseFrame } from '@gateway/converters';
import { ResponsesStreamCapture } from './responses-capture';

describe('ResponsesStreamCapture', () => {
  it('hands over the response of the terminal event once, whatever the chunking', () => {
    const response = { id: 'resp_1', status: 'completed', output: [] };
    const text =
      sseFrame('response.created', JSON.stringify({ type: 'response.created', response: {} })) +
      sseFrame('response.output_text.delta', '{"type":"response.output_text.delta","delta":"x"}') +
      sseFrame('response.completed', JSON.stringify({ type: 'response.completed', response }));
    const seen: unknown[] = [];
    const capture = new ResponsesStreamCapture((r) => seen.push(r));
    for (const ch of text) capture.push(ch);
    capture.end();
    expect(seen).toEqual([response]);
  });

  it('hands over nothing for a stream that ends in an error', () => {
    const seen: unknown[] = [];
    const capture = new ResponsesStreamCapture((r) => seen.push(r));
    capture.push(sseFrame('error', '{"type":"error","message":"boom"}'));
    capture.end();
    expect(seen).toEqual([]);
  });
});
