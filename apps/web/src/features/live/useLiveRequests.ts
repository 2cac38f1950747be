import { useEffect, useRef, useState } from 'react';
import { buildUrl, routePath } from '@/lib/api-client';
import { readSession, sessionQuery } from '@/lib/session';
import type { LogRow } from '@gateway/contracts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * Subscribes to the gateway's `live` server-sent events and calls `onRequest` for each finished
 * request. EventSource cannot send headers, so the identity goes in the query string; the browser
 * reconnects on its own after a drop.
 */
export function useLiveRequests(gatewayId: string, onRequest: (row: LogRow) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onRequest);
  handler.current = onRequest;

  useEffect(() => {
    const url = buildUrl(
      routePath('GET /analytics/gateway/{id}/live', { id: gatewayId }),
      sessionQuery(readSession()),
    );
    const source = new EventSource(url);
    const receive = (event: MessageEvent<string>) => {
      try {
        handler.current(JSON.parse(event.data) as LogRow);
      } catch {
        // A malformed event is skipped; the next refetch brings the truth anyway.
      }
    };
    source.addEventListener('request', receive);
    source.onopen = () => setStatus('live');
    source.onerror = () => setStatus('reconnecting');
    return () => source.close();
  }, [gatewayId]);

  return status;
}
