import { useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { useGatewayCredentials } from '../gateways/api';
import { AudioMode } from './components/AudioMode';
import { ChatMode } from './components/ChatMode';
import { EmbeddingsMode } from './components/EmbeddingsMode';
import { ImagesMode } from './components/ImagesMode';
import { MODES, parseMode, type PlaygroundMode } from './modes-shape';

const MODE_VIEWS: Record<
  PlaygroundMode,
  (props: { gatewayId: string; secret: string }) => React.JSX.Element
> = {
  chat: ChatMode,
  embeddings: EmbeddingsMode,
  images: ImagesMode,
  audio: AudioMode,
};

/** Calls the gateway the way an application does, one mode per API (`?mode=`). */
export function PlaygroundPage({ gatewayId }: { gatewayId: string }) {
  const credentials = useGatewayCredentials(gatewayId);
  const [params, setParams] = useSearchParams();
  const mode = parseMode(params.get('mode'));
  const View = MODE_VIEWS[mode];
  if (credentials.error)
    return <ErrorState error={credentials.error} onRetry={credentials.refetch} />;
  if (!credentials.data) return <LoadingState label="Loading gateway credentials…" />;
  return (
    <div className="flex flex-col gap-4" data-testid="playground-page">
      <div
        className="flex flex-wrap gap-1 self-start rounded-lg border border-border bg-card p-1"
        role="tablist"
        aria-label="Playground mode"
      >
        {MODES.map((m) => (
          <Button
            key={m.id}
            size="sm"
            role="tab"
            aria-selected={mode === m.id}
            variant={mode === m.id ? 'primary' : 'ghost'}
            onClick={() => setParams(m.id === 'chat' ? {} : { mode: m.id }, { replace: true })}
            data-testid={`playground-mode-${m.id}`}
          >
            {m.label}
          </Button>
        ))}
      </div>
      <View key={mode} gatewayId={gatewayId} secret={credentials.data.secret} />
    </div>
  );
}
