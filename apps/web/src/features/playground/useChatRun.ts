import { useCallback, useRef, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { startChatCompletion } from './api';
import type { ChatCompletionBody } from './shape';
import { readChatStream, type ChatUsage } from './chat-stream';
import { capText, clientRequest, headersObject, type ClientExchange } from './wire-shape';

export type RunStatus = 'idle' | 'streaming' | 'done' | 'stopped' | 'error';

export interface RunState {
  status: RunStatus;
  text: string;
  usage: ChatUsage | null;
  startedAt: number;
  firstTokenAt: number | null;
  endedAt: number | null;
  error: string | null;
  requestId: string | null;
  provider: string | null;
  model: string | null;
  /** What the playground sent and received, for the wire panel. */
  client: ClientExchange | null;
}

const IDLE: RunState = {
  status: 'idle',
  text: '',
  usage: null,
  startedAt: 0,
  firstTokenAt: null,
  endedAt: null,
  error: null,
  requestId: null,
  provider: null,
  model: null,
  client: null,
};

// Enough for the wire panel's cap; the rest of a very long stream is not kept.
const WIRE_TEXT_LIMIT = 300 * 1024;

/** One streamed chat call with its timings; `stop` aborts the HTTP request itself. */
export function useChatRun() {
  const [state, setState] = useState<RunState>(IDLE);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(async (secret: string, body: ChatCompletionBody) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const startedAt = performance.now();
    const client = clientRequest('POST /v1/chat/completions', secret, body);
    setState({ ...IDLE, status: 'streaming', startedAt, client });
    // The raw stream as received; kept aside and shown once the run ends.
    let received = '';
    const answered = (status: number, headers: Headers, text: string) => {
      const capped = capText(text);
      return {
        ...client,
        status,
        responseHeaders: headersObject(headers),
        responseBody: capped.text,
        responseNote: capped.note,
      };
    };
    let response: Response | undefined;
    const finish = (patch: Partial<RunState>) =>
      setState((s) => ({
        ...s,
        endedAt: s.endedAt ?? performance.now(),
        client: response ? answered(response.status, response.headers, received) : s.client,
        ...patch,
      }));
    try {
      response = await startChatCompletion(secret, body, abort.signal);
      setState((s) => ({
        ...s,
        requestId: response!.headers.get('x-gateway-request-id'),
        provider: response!.headers.get('x-gateway-provider'),
        model: response!.headers.get('x-gateway-model'),
      }));
      if (!response.body) throw new Error('The gateway answered without a body');
      let failure: string | null = null;
      const onText = (text: string) => {
        if (received.length <= WIRE_TEXT_LIMIT) received += text;
      };
      await readChatStream(
        response.body,
        (update) => {
          switch (update.type) {
            case 'delta':
              setState((s) => ({
                ...s,
                text: s.text + update.text,
                firstTokenAt: s.firstTokenAt ?? performance.now(),
              }));
              break;
            case 'usage':
              setState((s) => ({ ...s, usage: update.usage }));
              break;
            case 'model':
              setState((s) => ({ ...s, model: s.model ?? update.model }));
              break;
            case 'error':
              failure = update.message;
              break;
            case 'done':
              break;
          }
        },
        onText,
      );
      finish(failure ? { status: 'error', error: failure } : { status: 'done' });
    } catch (reason) {
      if (abort.signal.aborted) finish({ status: 'stopped' });
      else if (reason instanceof ApiError && reason.answer)
        // Refused before any stream: the error answer is the client's view, its request id the wire's.
        finish({
          status: 'error',
          error: reason.message,
          requestId: reason.answer.headers.get('x-gateway-request-id'),
          client: answered(reason.status, reason.answer.headers, reason.answer.text),
        });
      else
        finish({
          status: 'error',
          error: reason instanceof Error ? reason.message : String(reason),
        });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }, []);

  const stop = useCallback(() => controller.current?.abort(), []);
  return { state, start, stop };
}
