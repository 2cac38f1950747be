import { Badge } from '@/components/ui/badge';
import type { LiveStatus } from './useLiveRequests';

export function LiveBadge({ status }: { status: LiveStatus }) {
  return (
    <Badge
      tone={status === 'live' ? 'success' : 'neutral'}
      data-testid="live-status"
      title="Updates arrive over server-sent events"
    >
      <span
        className={
          status === 'live'
            ? 'mr-1 h-1.5 w-1.5 animate-pulse rounded-full bg-success'
            : 'mr-1 h-1.5 w-1.5 rounded-full bg-muted-foreground'
        }
      />
      {status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting' : 'Reconnecting'}
    </Badge>
  );
}
