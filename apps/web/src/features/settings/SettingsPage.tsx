import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { canCall } from '@gateway/contracts';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { cn } from '@/lib/cn';
import { useAction } from '@/lib/useAction';
import { gatewayApi, useGatewayCredentials, type GatewayCredentials } from '../gateways/api';
import type { GatewayContext } from '../gateways/GatewayLayout';
import { CopyButton } from './components/CopyButton';
import { CredentialsCard } from './components/CredentialsCard';
import { buildSnippets, maskSecret, type SnippetId } from './shape';

const SNIPPET_MODEL = 'gpt-4o-mini';

export function SettingsPage({ gateway, refreshGateway }: GatewayContext) {
  const credentials = useGatewayCredentials(gateway.id);
  const [current, setCurrent] = useState<GatewayCredentials | null>(null);
  const shown = current ?? credentials.data;
  const [revealed, setRevealed] = useState(false);
  const navigate = useNavigate();

  return (
    <div className="flex flex-col gap-4" data-testid="settings-page">
      {credentials.error && <ErrorState error={credentials.error} onRetry={credentials.refetch} />}
      {!shown && !credentials.error && <LoadingState label="Loading credentials…" />}
      {shown && (
        <>
          <CredentialsCard
            credentials={shown}
            onRegenerated={setCurrent}
            revealed={revealed}
            onRevealedChange={setRevealed}
            canRegenerate={canCall(gateway.role, 'POST /gateway/:id/regenerate')}
          />
          <Snippets secret={shown.secret} revealed={revealed} />
        </>
      )}
      {canCall(gateway.role, 'PATCH /gateway/:id') && (
        <RenameCard
          name={gateway.name}
          onRename={async (name) => {
            await gatewayApi.rename(gateway.id, name);
            refreshGateway();
          }}
        />
      )}
      {canCall(gateway.role, 'DELETE /gateway/:id') && (
        <DeleteCard
          name={gateway.name}
          onDelete={async () => {
            await gatewayApi.remove(gateway.id);
            await navigate('/gateways');
          }}
        />
      )}
    </div>
  );
}

/** Shown with the secret masked until revealed; the copy button always copies the real secret. */
function Snippets({ secret, revealed }: { secret: string; revealed: boolean }) {
  const [active, setActive] = useState<SnippetId>('curl');
  const pick = (shownSecret: string) => {
    const all = buildSnippets({
      origin: window.location.origin,
      secret: shownSecret,
      model: SNIPPET_MODEL,
    });
    return { all, one: all.find((s) => s.id === active) ?? all[0] };
  };
  const { all: snippets, one: snippet } = pick(revealed ? secret : maskSecret(secret));
  const copyable = pick(secret).one;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Use it from your code</CardTitle>
        <CopyButton text={copyable.code} testId="snippet-copy" />
      </CardHeader>
      <CardContent className="flex flex-col gap-2">
        <div role="tablist" className="flex flex-wrap gap-1">
          {snippets.map((s) => (
            <button
              key={s.id}
              role="tab"
              aria-selected={s.id === active}
              data-testid={`snippet-tab-${s.id}`}
              onClick={() => setActive(s.id)}
              className={cn(
                'cursor-pointer rounded px-2.5 py-1 text-xs font-medium',
                s.id === active
                  ? 'bg-primary text-primary-foreground'
                  : 'bg-muted text-muted-foreground hover:text-foreground',
              )}
            >
              {s.label}
            </button>
          ))}
        </div>
        <pre className="overflow-x-auto rounded-md bg-muted p-3 text-xs" data-testid="snippet-code">
          {snippet.code}
        </pre>
        <p className="text-xs text-muted-foreground">
          Any model from the catalog works with every SDK; the gateway converts between formats.
        </p>
      </CardContent>
    </Card>
  );
}

function RenameCard({
  name,
  onRename,
}: {
  name: string;
  onRename: (name: string) => Promise<void>;
}) {
  const [value, setValue] = useState(name);
  const [rename, renaming] = useAction(onRename);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void rename(value.trim());
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>Name</CardTitle>
      </CardHeader>
      <CardContent>
        <form className="flex flex-col gap-2 sm:flex-row" onSubmit={submit}>
          <Input
            aria-label="Gateway name"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
            maxLength={100}
            data-testid="rename-input"
          />
          <Button
            type="submit"
            variant="secondary"
            disabled={renaming.pending || !value.trim() || value.trim() === name}
            data-testid="rename-save"
          >
            Rename
          </Button>
        </form>
        {renaming.error && <ErrorState className="mt-2" error={renaming.error} />}
      </CardContent>
    </Card>
  );
}

function DeleteCard({ name, onDelete }: { name: string; onDelete: () => Promise<void> }) {
  const [typed, setTyped] = useState('');
  const [remove, removing] = useAction(onDelete);
  return (
    <Card className="border-danger/40">
      <CardHeader>
        <CardTitle className="text-danger">Delete gateway</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-2 text-sm">
        <p className="text-muted-foreground">
          The secret stops working and the gateway disappears from your list. Type{' '}
          <strong className="text-foreground">{name}</strong> to confirm.
        </p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            aria-label="Type the gateway name to confirm"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            data-testid="delete-confirm-input"
          />
          <Button
            variant="danger"
            disabled={typed !== name || removing.pending}
            onClick={() => void remove()}
            data-testid="delete-gateway"
          >
            Delete
          </Button>
        </div>
        {removing.error && <ErrorState error={removing.error} />}
      </CardContent>
    </Card>
  );
}
