import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { CopyButton } from '../settings/components/CopyButton';
import { useKeys } from './api';
import { KeyForm } from './components/KeyForm';
import { KeyRow } from './components/KeyRow';
import type { CreatedKey } from '@gateway/contracts';

export function KeysPage({ gatewayId }: { gatewayId: string }) {
  const keys = useKeys(gatewayId);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedKey>();

  return (
    <div className="flex flex-col gap-4" data-testid="keys-page">
      <Card>
        <CardHeader>
          <CardTitle>API keys</CardTitle>
          {!creating && (
            <Button
              size="sm"
              onClick={() => {
                setCreated(undefined);
                setCreating(true);
              }}
              data-testid="key-add"
            >
              Create key
            </Button>
          )}
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <p className="text-sm text-muted-foreground">
            Give each app or teammate its own key with model restrictions, rate limits, token quotas
            and budgets. The gateway secret on the Settings tab keeps working alongside them.
          </p>
          {creating && (
            <div className="rounded-md border border-border p-3">
              <KeyForm
                gatewayId={gatewayId}
                onCancel={() => setCreating(false)}
                onCreated={(key) => {
                  setCreating(false);
                  setCreated(key);
                  keys.refetch();
                }}
              />
            </div>
          )}
          {created && <NewKey created={created} onDismiss={() => setCreated(undefined)} />}
        </CardContent>
      </Card>

      {keys.error && <ErrorState error={keys.error} onRetry={keys.refetch} />}
      {!keys.data && !keys.error && <LoadingState label="Loading keys…" />}
      {keys.data?.length === 0 && (
        <Card>
          <EmptyState title="No keys yet">
            <p>Apps can use the gateway secret until you create keys.</p>
          </EmptyState>
        </Card>
      )}
      {keys.data && keys.data.length > 0 && (
        <Card>
          <ul data-testid="key-list">
            {keys.data.map((k) => (
              <KeyRow
                key={`${k.id}:${k.updated_at}`}
                gatewayId={gatewayId}
                gatewayKey={k}
                onChanged={keys.refetch}
              />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

/** The full key exists only in this answer: the API stores a hash. */
function NewKey({ created, onDismiss }: { created: CreatedKey; onDismiss: () => void }) {
  return (
    <div
      className="flex flex-col gap-2 rounded-md border border-success/40 bg-success/10 p-3 text-sm"
      role="status"
      data-testid="key-created"
    >
      <p>
        <strong>{created.name}</strong> is ready. Copy it now: it will not be shown again.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="min-w-0 flex-1 break-all rounded bg-muted px-2 py-1.5"
          data-testid="key-created-value"
        >
          {created.key}
        </code>
        <CopyButton text={created.key} testId="key-created-copy" />
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
    </div>
  );
}
