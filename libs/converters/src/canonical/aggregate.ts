import { fixFinishReason } from '../shared/finish';
import type {
  CanonicalResponse,
  CanonicalStreamEvent,
  ContentPart,
  ThinkingPart,
  ToolCallPart,
} from './types';

/**
 * Folds canonical stream events into a response, for a client that asked for JSON when the upstream
 * answered with SSE (or when the server streams upstream to bound latency). An `error` event throws it.
 */
export function aggregateStreamEvents(events: CanonicalStreamEvent[]): CanonicalResponse {
  const content: ContentPart[] = [];
  const tools = new Map<number, ToolCallPart>();
  const res: CanonicalResponse = { choices: [] };
  let finish: CanonicalResponse['choices'][number]['finishReason'] | undefined;
  let stopSequence: string | undefined;
  const last = (): ContentPart | undefined => content[content.length - 1];
  for (const ev of events) {
    switch (ev.type) {
      case 'start':
        if (ev.id) res.id = ev.id;
        if (ev.model) res.model = ev.model;
        if (ev.usage) res.usage = ev.usage;
        break;
      case 'text_delta': {
        const l = last();
        if (l?.type === 'text') l.text += ev.text;
        else content.push({ type: 'text', text: ev.text });
        break;
      }
      case 'thinking_delta': {
        const l = last();
        if (l?.type === 'thinking' && !l.signature && l.redactedData === undefined)
          l.text += ev.text;
        else content.push({ type: 'thinking', text: ev.text });
        break;
      }
      case 'thinking_signature': {
        const l = last();
        const open =
          l?.type === 'thinking' && !l.signature && l.redactedData === undefined
            ? (l as ThinkingPart)
            : undefined;
        if (open) {
          open.signature = ev.signature;
          open.origin = ev.origin;
        } else
          content.push({ type: 'thinking', text: '', signature: ev.signature, origin: ev.origin });
        break;
      }
      case 'redacted_thinking':
        content.push({ type: 'thinking', text: '', redactedData: ev.data, origin: 'anthropic' });
        break;
      case 'tool_call_start': {
        const part: ToolCallPart = { type: 'tool_call', id: ev.id, name: ev.name, arguments: '' };
        if (ev.thoughtSignature) part.thoughtSignature = ev.thoughtSignature;
        tools.set(ev.index, part);
        content.push(part);
        break;
      }
      case 'tool_call_delta': {
        const part = tools.get(ev.index);
        if (part) part.arguments += ev.arguments;
        break;
      }
      case 'usage':
        res.usage = ev.usage;
        break;
      case 'finish':
        finish = ev.reason;
        stopSequence = ev.stopSequence;
        break;
      case 'error':
        throw Object.assign(new Error(ev.error.message), { canonicalError: ev.error });
    }
  }
  if (finish === undefined) {
    throw Object.assign(new Error('upstream stream ended before the response was complete'), {
      canonicalError: {
        status: 502,
        kind: 'api_error',
        message: 'upstream stream ended before the response was complete',
      },
    });
  }
  const choice: CanonicalResponse['choices'][number] = {
    index: 0,
    content,
    finishReason: fixFinishReason(finish, tools.size > 0),
  };
  if (stopSequence) choice.stopSequence = stopSequence;
  res.choices.push(choice);
  return res;
}
