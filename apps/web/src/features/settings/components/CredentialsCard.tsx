import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { gatewayApi, type GatewayCredentials } from '../../gateways/api';
import { maskSecret } from '../shape';
import { CopyButton } from './CopyButton';

interface Props {
  credentials: GatewayCredentials;
  onRegenerated: (credentials: GatewayCredentials) => void;
  revealed: boolean;
  onRevealedChange: (revealed: boolean) => void;
  /** Rotating the secret is for team admins. */
  canRegenerate: boolean;
}

export function CredentialsCard({
  credentials,
  onRegenerated,
  revealed,
  onRevealedChange: setRevealed,
  canRegenerate,
}: Props) {
  const [confirming, setConfirming] = useState(false);
  const [regenerate, regenerating] = useAction(gatewayApi.regenerate);

  const confirmRegenerate = async () => {
    const next = await regenerate(credentials.gateway_id);
    if (next) {
      setConfirming(false);
      setRevealed(true);
      onRegenerated(next);
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Credentials</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <div className="flex flex-col gap-1">
          <span className="text-xs text-muted-foreground">Endpoint</span>
          <div className="flex items-center gap-2">
            <code
              className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1.5"
              data-testid="endpoint"
            >
              {window.location.origin}/v1
            </code>
            <CopyButton text={`${window.location.origin}/v1`} />
          </div>
        </div>
        <div className="flex flex-col gap-1">
          <span className="text-xs text-muted-foreground">Secret (send as a Bearer token)</span>
          <div className="flex flex-wrap items-center gap-2">
            <code
              className="min-w-0 flex-1 break-all rounded bg-muted px-2 py-1.5"
              data-testid="secret"
            >
              {revealed ? credentials.secret : maskSecret(credentials.secret)}
            </code>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setRevealed(!revealed)}
              data-testid="secret-reveal"
            >
              {revealed ? 'Hide' : 'Reveal'}
            </Button>
            <CopyButton text={credentials.secret} testId="secret-copy" />
          </div>
        </div>
        {!canRegenerate ? null : !confirming ? (
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setConfirming(true)}
              data-testid="secret-regenerate"
            >
              Regenerate secret
            </Button>
          </div>
        ) : (
          <div
            className="flex flex-col gap-2 rounded-md border border-warning/40 bg-warning/10 p-3"
            role="alertdialog"
            aria-label="Confirm regenerate"
          >
            <p>The current secret stops working immediately. Every app using it must be updated.</p>
            <div className="flex gap-2">
              <Button
                variant="danger"
                size="sm"
                onClick={() => void confirmRegenerate()}
                disabled={regenerating.pending}
                data-testid="secret-regenerate-confirm"
              >
                {regenerating.pending ? 'Regenerating…' : 'Yes, regenerate'}
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </div>
          </div>
        )}
        {regenerating.error && <ErrorState error={regenerating.error} />}
      </CardContent>
    </Card>
  );
}
