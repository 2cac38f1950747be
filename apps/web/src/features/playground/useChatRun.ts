import { useCallback, useRef, useState } from 'react';
import { startChatCompletion } from './api';
import type { ChatCompletionBody } from './shape';
import { readChatStream, type ChatUsage } from './chat-stream';

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
};

/** One streamed chat call with its timings; `stop` aborts the HTTP request itself. */
export function useChatRun() {
  const [state, setState] = useState<RunState>(IDLE);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(async (secret: string, body: ChatCompletionBody) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const startedAt = performance.now();
    setState({ ...IDLE, status: 'streaming', startedAt });
    const finish = (patch: Partial<RunState>) =>
      setState((s) => ({ ...s, endedAt: s.endedAt ?? performance.now(), ...patch }));
    try {
      const response = await startChatCompletion(secret, body, abort.signal);
      setState((s) => ({
        ...s,
        requestId: response.headers.get('x-gateway-request-id'),
        provider: response.headers.get('x-gateway-provider'),
        model: response.headers.get('x-gateway-model'),
      }));
      if (!response.body) throw new Error('The gateway answered without a body');
      let failure: string | null = null;
      await readChatStream(response.body, (update) => {
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
      });
      finish(failure ? { status: 'error', error: failure } : { status: 'done' });
    } catch (reason) {
      if (abort.signal.aborted) finish({ status: 'stopped' });
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
