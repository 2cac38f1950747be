import { useCallback, useEffect, useRef, useState } from 'react';

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  refetch: () => void;
}

export interface QueryOptions {
  enabled?: boolean;
  /** Refetch on a timer (ms); 0 or undefined disables it. */
  refetchIntervalMs?: number;
  /** Keep showing the last result while a new key loads (time ranges sliding forward). */
  keepPreviousData?: boolean;
}

/**
 * Loads `fetcher` whenever `key` changes, keeps the previous data while refetching (no flicker
 * on auto refresh) and aborts the request in flight when the key changes or the view unmounts.
 */
export function useQuery<T>(
  key: string,
  fetcher: (signal: AbortSignal) => Promise<T>,
  options: QueryOptions = {},
): QueryState<T> {
  const { enabled = true, refetchIntervalMs, keepPreviousData = false } = options;
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(enabled);
  const [version, setVersion] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const lastKey = useRef(key);

  useEffect(() => {
    if (!enabled) return;
    if (lastKey.current !== key) {
      lastKey.current = key;
      if (!keepPreviousData) setData(undefined);
    }
    const controller = new AbortController();
    setLoading(true);
    fetcherRef.current(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason instanceof Error ? reason : new Error(String(reason)));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, version, enabled, keepPreviousData]);

  useEffect(() => {
    if (!enabled || !refetchIntervalMs) return;
    const timer = setInterval(() => setVersion((v) => v + 1), refetchIntervalMs);
    return () => clearInterval(timer);
  }, [enabled, refetchIntervalMs]);

  const refetch = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, refetch };
}
