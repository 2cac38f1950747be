import { ErrorState, LoadingState } from '@/components/ui/states';
import { useGatewayCredentials } from '../gateways/api';
import { ChatMode } from './components/ChatMode';

export function PlaygroundPage({ gatewayId }: { gatewayId: string }) {
  const credentials = useGatewayCredentials(gatewayId);
  if (credentials.error)
    return <ErrorState error={credentials.error} onRetry={credentials.refetch} />;
  if (!credentials.data) return <LoadingState label="Loading gateway credentials…" />;
  return (
    <div className="flex flex-col gap-4" data-testid="playground-page">
      <ChatMode gatewayId={gatewayId} secret={credentials.data.secret} />
    </div>
  );
}
