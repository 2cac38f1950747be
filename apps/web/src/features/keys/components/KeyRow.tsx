import { useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ConfirmButton } from '@/components/ui/confirm';
import { Toggle } from '@/components/ui/field';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { keyApi } from '../api';
import { describeLimits, keyStatus, type KeyStatus } from '../shape';
import type { Key } from '@gateway/contracts';

const STATUS_TONE: Record<KeyStatus, BadgeTone> = {
  active: 'success',
  disabled: 'neutral',
  expired: 'warning',
};

export function KeyRow({
  gatewayId,
  gatewayKey: key,
  onChanged,
}: {
  gatewayId: string;
  gatewayKey: Key;
  onChanged: () => void;
}) {
  // Shown switched at once; put back if the API refuses.
  const [enabled, setEnabled] = useState(key.enabled);
  const [save, toggling] = useAction((next: boolean) =>
    keyApi.update(gatewayId, key.id, { enabled: next }),
  );
  const toggle = async (next: boolean) => {
    setEnabled(next);
    const saved = await save(next);
    if (saved) onChanged();
    else setEnabled(!next);
  };
  const [remove, removing] = useAction(() => keyApi.remove(gatewayId, key.id));
  const status = keyStatus(key, new Date());
  const limits = describeLimits(key.limits);

  return (
    <li
      className="flex flex-col gap-2 border-b border-border p-4 last:border-b-0"
      data-testid="key-row"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="truncate font-medium" data-testid="key-row-name">
              {key.name}
            </span>
            <Badge tone={STATUS_TONE[status]} data-testid="key-status">
              {status}
            </Badge>
          </div>
          <code className="text-xs text-muted-foreground" data-testid="key-hint">
            {key.key_hint}
          </code>
        </div>
        <Toggle
          checked={enabled}
          disabled={toggling.pending}
          label="Enabled"
          testId="key-toggle"
          onChange={(next) => void toggle(next)}
        />
      </div>
      <div className="flex flex-wrap gap-1" data-testid="key-limits">
        {limits.length === 0 ? (
          <span className="text-xs text-muted-foreground">No limits</span>
        ) : (
          limits.map((l) => <Badge key={l}>{l}</Badge>)
        )}
      </div>
      <p className="break-words text-xs text-muted-foreground">
        Models: {key.allowed_models.length ? key.allowed_models.join(', ') : 'all'} · Providers:{' '}
        {key.allowed_providers.length ? key.allowed_providers.join(', ') : 'all'} · MCP tools:{' '}
        {key.allowed_tools.length ? key.allowed_tools.join(', ') : 'all'} · Expires:{' '}
        {key.expires_at ? new Date(key.expires_at).toLocaleString() : 'never'}
        {key.system_prompt && ' · system prompt set'}
      </p>
      <div>
        <ConfirmButton
          label="Delete"
          question={
            <>
              Delete <strong>{key.name}</strong>? Apps using it get 401 at once.
            </>
          }
          pending={removing.pending}
          onConfirm={() => void remove().then(() => onChanged())}
          testId="key-delete"
        />
      </div>
      {toggling.error && <ErrorState error={toggling.error} />}
      {removing.error && <ErrorState error={removing.error} />}
    </li>
  );
}
