// Structural checks of a client SSE stream, mirroring what each official SDK enforces
// (openai-node ChatCompletionStream / ResponseStream, anthropic-ts MessageStream, js-genai).
import type { WireFormat } from '../canonical/types';
import { asArray, asRecord, isRecord, num, tryParseJson } from '../shared/json';
import { SseParser } from '../shared/sse';

function fail(message: string): never {
  throw new Error(`client stream invalid: ${message}`);
}

/** Throws when `text` would be rejected or misread by the official SDK of `format`. */
export function assertClientStream(format: WireFormat, text: string): void {
  if (format === 'gemini') {
    // js-genai: each event exactly one data: line, no event: lines, terminated by a blank line.
    if (!text.endsWith('\n\n')) fail('gemini stream must end with a blank line');
    for (const block of text.split('\n\n').filter((b) => b !== '')) {
      if (!block.startsWith('data: ') || block.includes('\n'))
        fail(`gemini event must be a single data line: ${block}`);
      const body = asRecord(tryParseJson(block.slice(6)));
      for (const c of asArray(body.candidates))
        if (asArray(asRecord(asRecord(c).content).parts).length === 0) fail('empty parts');
    }
    return;
  }
  const parser = new SseParser();
  const events = [...parser.push(text), ...parser.end()];
  if (events.length === 0) fail('no events');
  switch (format) {
    case 'openai-chat': {
      let role = false;
      let finish = false;
      for (const e of events) {
        if (e.data === '[DONE]') continue;
        const chunk = asRecord(tryParseJson(e.data));
        if (!isRecord(chunk) || chunk.object !== 'chat.completion.chunk')
          fail(`bad chunk ${e.data}`);
        for (const c of asArray(chunk.choices)) {
          const choice = asRecord(c);
          if (num(choice.index) !== 0) fail('choice index must be 0');
          if (asRecord(choice.delta).role === 'assistant') role = true;
          if (choice.finish_reason) finish = true;
        }
      }
      if (!role) fail('missing role');
      if (!finish) fail('missing finish_reason');
      if (events[events.length - 1].data !== '[DONE]') fail('missing [DONE]');
      return;
    }
    case 'anthropic-messages': {
      const names = events.map((e) => e.event);
      if (names[0] !== 'message_start') fail('message_start must come first');
      if (names[names.length - 1] !== 'message_stop') fail('message_stop must come last');
      let next = 0;
      let open: number | undefined;
      for (const e of events) {
        const data = asRecord(tryParseJson(e.data));
        if (data.type !== e.event)
          fail(`event name ${String(e.event)} != data.type ${String(data.type)}`);
        if (e.event === 'content_block_start') {
          if (open !== undefined || data.index !== next)
            fail(`block ${String(data.index)} started out of order`);
          open = next;
        } else if (e.event === 'content_block_delta') {
          if (data.index !== open) fail('delta for a block that is not open');
        } else if (e.event === 'content_block_stop') {
          if (data.index !== open) fail('stop for a block that is not open');
          open = undefined;
          next++;
        } else if (e.event === 'message_delta' && !isRecord(data.usage))
          fail('message_delta without usage');
      }
      return;
    }
    case 'openai-responses': {
      let seq = -1;
      let outputs = 0;
      const first = asRecord(tryParseJson(events[0].data));
      if (first.type !== 'response.created') fail('response.created must come first');
      for (const e of events) {
        const data = asRecord(tryParseJson(e.data));
        const s = num(data.sequence_number) ?? -1;
        if (s !== seq + 1) fail('sequence_number must increase by one');
        seq = s;
        if (data.type === 'response.output_item.added') {
          if (data.output_index !== outputs) fail('output_index must be contiguous');
          outputs++;
        }
      }
      const last = asRecord(tryParseJson(events[events.length - 1].data));
      if (last.type !== 'response.completed' && last.type !== 'response.incomplete')
        fail('must end with response.completed');
      return;
    }
  }
}
