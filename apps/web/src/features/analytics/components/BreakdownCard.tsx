import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/states';
import type { BreakdownRow } from '@gateway/contracts';
import { breakdownShares } from '../shape';
import { BreakdownTable } from './BreakdownTable';

/** One breakdown (by model, provider, endpoint…) in a card, with its loading and error states. */
export function BreakdownCard({
  title,
  label,
  testId,
  query,
}: {
  title: string;
  label: string;
  testId: string;
  query: { data?: BreakdownRow[]; error?: Error; refetch: () => void };
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {query.error ? (
          <ErrorState error={query.error} onRetry={query.refetch} />
        ) : !query.data ? (
          <LoadingState />
        ) : (
          <BreakdownTable rows={breakdownShares(query.data)} label={label} testId={testId} />
        )}
      </CardContent>
    </Card>
  );
}
