import { Badge } from '@/components/ui/badge';
import { statusTone } from '../shape';

export function StatusBadge({ status }: { status: number }) {
  return <Badge tone={statusTone(status)}>{status}</Badge>;
}
