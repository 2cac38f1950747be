import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { callGateway, type GatewayPayload, type GatewayRoute } from './api';
import {
  capText,
  clientRequest,
  formatBytes,
  gatewayInfo,
  headersObject,
  type ClientExchange,
  type GatewayInfo,
} from './wire-shape';

export type CallStatus = 'idle' | 'running' | 'done' | 'error';

export interface CallState<T> {
  status: CallStatus;
  result: T | null;
  error: string | null;
  startedAt: number;
  endedAt: number | null;
  gateway: GatewayInfo;
  /** Every response header (the `x-gateway-*` ones are shown). */
  headers: Record<string, string>;
  client: ClientExchange | null;
}

/** How a mode reads a successful answer: JSON it shapes, text it shows, or bytes it plays. */
export type AnswerReader<T> =
  | { kind: 'json'; shape: (body: unknown) => T }
  | { kind: 'text'; shape: (text: string, contentType: string | null) => T }
  | { kind: 'binary'; shape: (blob: Blob) => T };

const NO_GATEWAY = gatewayInfo({});

function idle<T>(): CallState<T> {
  return {
    status: 'idle',
    result: null,
    error: null,
    startedAt: 0,
    endedAt: null,
    gateway: NO_GATEWAY,
    headers: {},
    client: null,
  };
}

/**
 * One non-streaming call to an OpenAI-shaped endpoint of the gateway (embeddings, images, audio),
 * with its latency, the gateway's headers and the client's side of the wire.
 */
export function useGatewayCall<T>(reader: AnswerReader<T>) {
  const [state, setState] = useState<CallState<T>>(idle);
  const controller = useRef<AbortController | null>(null);
  const readerRef = useRef(reader);
  readerRef.current = reader;
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async <K extends GatewayRoute>(route: K, secret: string, body: GatewayPayload<K>) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const client = clientRequest(route, secret, body);
      setState({ ...idle<T>(), status: 'running', startedAt: performance.now(), client });
      const answered = (
        status: number,
        headers: Headers,
        text: string | null,
        note: string | null = null,
      ) => {
        const capped = text === null ? { text: null, note } : capText(text);
        const all = headersObject(headers);
        return {
          headers: all,
          gateway: gatewayInfo(all),
          client: {
            ...client,
            status,
            responseHeaders: all,
            responseBody: capped.text,
            responseNote: capped.note,
          },
        };
      };
      // What came back, kept even when shaping it fails (an answer that is not what the mode expects).
      let seen: Partial<ReturnType<typeof answered>> = {};
      try {
        const response = await callGateway(route, secret, body, abort.signal);
        const contentType = response.headers.get('content-type');
        const current = readerRef.current;
        let result: T;
        if (current.kind !== 'binary') {
          const text = await response.text();
          seen = answered(response.status, response.headers, text);
          result =
            current.kind === 'json'
              ? current.shape(JSON.parse(text) as unknown)
              : current.shape(text, contentType);
        } else {
          const blob = await response.blob();
          seen = answered(
            response.status,
            response.headers,
            null,
            `${blob.type || contentType || 'binary'}, ${formatBytes(blob.size)}`,
          );
          result = current.shape(blob);
        }
        if (abort.signal.aborted) return;
        setState((s) => ({ ...s, ...seen, status: 'done', result, endedAt: performance.now() }));
      } catch (reason) {
        if (abort.signal.aborted) return;
        const failed =
          reason instanceof ApiError && reason.answer
            ? answered(reason.status, reason.answer.headers, reason.answer.text)
            : seen;
        setState((s) => ({
          ...s,
          ...failed,
          status: 'error',
          error: reason instanceof Error ? reason.message : String(reason),
          endedAt: performance.now(),
        }));
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [],
  );

  return { state, start };
}
