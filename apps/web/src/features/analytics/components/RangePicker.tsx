import { Input } from '@/components/ui/input';
import { cn } from '@/lib/cn';
import type { RangePreset } from '../shape';
import type { TimeRangeState } from '../useTimeRange';

const PRESETS: { id: RangePreset; label: string }[] = [
  { id: '1h', label: '1 h' },
  { id: '24h', label: '24 h' },
  { id: '7d', label: '7 d' },
  { id: '30d', label: '30 d' },
  { id: 'custom', label: 'Custom' },
];

/** `datetime-local` works in local time without a zone; convert both ways explicitly. */
function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function RangePicker({
  state,
  presets = PRESETS.map((p) => p.id),
}: {
  state: TimeRangeState;
  presets?: RangePreset[];
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div
        role="group"
        aria-label="Time range"
        className="flex rounded-md border border-border bg-card p-0.5"
      >
        {PRESETS.filter((p) => presets.includes(p.id)).map((p) => (
          <button
            key={p.id}
            type="button"
            data-testid={`range-${p.id}`}
            aria-pressed={state.preset === p.id}
            onClick={() => state.setPreset(p.id)}
            className={cn(
              'cursor-pointer rounded px-2.5 py-1 text-xs font-medium',
              state.preset === p.id
                ? 'bg-primary text-primary-foreground'
                : 'text-muted-foreground hover:text-foreground',
            )}
          >
            {p.label}
          </button>
        ))}
      </div>
      {state.preset === 'custom' && (
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <Input
            type="datetime-local"
            aria-label="From"
            className="w-auto"
            value={toLocalInput(state.custom.from)}
            onChange={(e) =>
              e.target.value && state.setCustom({ ...state.custom, from: new Date(e.target.value) })
            }
          />
          <span className="text-muted-foreground">to</span>
          <Input
            type="datetime-local"
            aria-label="To"
            className="w-auto"
            value={toLocalInput(state.custom.to)}
            onChange={(e) =>
              e.target.value && state.setCustom({ ...state.custom, to: new Date(e.target.value) })
            }
          />
        </div>
      )}
    </div>
  );
}
