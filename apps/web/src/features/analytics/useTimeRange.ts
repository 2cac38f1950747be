import { useCallback, useMemo, useState } from 'react';
import { resolveRange, type RangePreset, type TimeRange } from './shape';

export interface TimeRangeState {
  preset: RangePreset;
  setPreset: (preset: RangePreset) => void;
  custom: { from: Date; to: Date };
  setCustom: (custom: { from: Date; to: Date }) => void;
  range: TimeRange;
  error: Error | null;
  /** Slides a preset range forward to now (auto refresh, live events). */
  advance: () => void;
}

/** The chosen range, frozen at a moment so queries keep a stable key until it is advanced. */
export function useTimeRange(initial: RangePreset): TimeRangeState {
  const [preset, setPresetState] = useState<RangePreset>(initial);
  const [now, setNow] = useState(() => Date.now());
  const [custom, setCustom] = useState(() => ({
    from: new Date(Date.now() - 86_400_000),
    to: new Date(),
  }));
  const advance = useCallback(() => setNow(Date.now()), []);
  const setPreset = useCallback((next: RangePreset) => {
    setPresetState(next);
    setNow(Date.now());
  }, []);
  const { range, error } = useMemo(() => {
    try {
      return { range: resolveRange(preset, new Date(now), custom), error: null };
    } catch (reason) {
      return { range: resolveRange('24h', new Date(now)), error: reason as Error };
    }
  }, [preset, now, custom]);
  return { preset, setPreset, custom, setCustom, range, error, advance };
}
