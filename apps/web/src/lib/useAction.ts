import { useCallback, useState } from 'react';

export interface ActionState {
  pending: boolean;
  error: Error | undefined;
  reset: () => void;
}

/** Wraps an async user action (a form submit, a button) with pending and error state. */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
): [(...args: A) => Promise<R | undefined>, ActionState] {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error>();
  const run = useCallback(
    async (...args: A) => {
      setPending(true);
      setError(undefined);
      try {
        return await action(...args);
      } catch (reason) {
        setError(reason instanceof Error ? reason : new Error(String(reason)));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  const reset = useCallback(() => setError(undefined), []);
  return [run, { pending, error, reset }];
}
