import { useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditEvent } from '@gateway/contracts';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { useQuery } from '@/lib/useQuery';
import { fetchAuditPage } from './api';
import { actorLabel, detailLines } from './shape';

const FAMILIES = [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0]))];

/** The audit log, newest first, with filters and "load more": everything, or one gateway's. */
export function AuditPage({ gatewayId }: { gatewayId?: string }) {
  const [filters, setFilters] = useState({ action: '', actor: '' });
  const [draft, setDraft] = useState(filters);
  const key = `audit:${gatewayId ?? '*'}:${filters.action}:${filters.actor}`;
  const first = useQuery(key, (signal) =>
    fetchAuditPage({ gatewayId }, filters, undefined, signal),
  );
  // Older pages, for the current filters only.
  const [older, setOlder] = useState<{
    key: string;
    events: AuditEvent[];
    cursor: string | null;
  }>();
  const olderNow = older?.key === key ? older : undefined;
  const cursor = olderNow ? olderNow.cursor : (first.data?.next_cursor ?? null);
  const events = first.data && [...first.data.events, ...(olderNow?.events ?? [])];
  const [loadMore, loadingMore] = useAction(async () => {
    const page = await fetchAuditPage({ gatewayId }, filters, cursor ?? undefined);
    setOlder({
      key,
      events: [...(olderNow?.events ?? []), ...page.events],
      cursor: page.next_cursor,
    });
  });
  const error = first.error ?? loadingMore.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };

  return (
    <div className="flex flex-col gap-4" data-testid="audit-page">
      {!gatewayId && <h1 className="text-xl font-semibold">Audit log</h1>}
      <Card>
        <CardHeader>
          <CardTitle>Who changed what</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <form className="flex flex-wrap items-end gap-2" onSubmit={submit}>
            <Field label="Action" className="w-56">
              <Select
                value={draft.action}
                onChange={(e) => setDraft({ ...draft, action: e.target.value })}
                data-testid="audit-action"
              >
                <option value="">all</option>
                {FAMILIES.map((f) => (
                  <optgroup key={f} label={f}>
                    <option value={`${f}.*`}>{f}.*</option>
                    {AUDIT_ACTIONS.filter((a) => a.startsWith(`${f}.`)).map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </Select>
            </Field>
            <Field label="Actor (email, user id or admin_key)" className="w-72">
              <Input
                value={draft.actor}
                onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
                data-testid="audit-actor"
              />
            </Field>
            <Button type="submit" size="sm" data-testid="audit-filter">
              Filter
            </Button>
          </form>
          {error && <ErrorState error={error} onRetry={first.refetch} />}
          {!events && !error && <LoadingState label="Loading the audit log…" />}
          {events?.length === 0 && <EmptyState title="Nothing recorded for these filters" />}
          {events && events.length > 0 && (
            <ul className="flex flex-col divide-y divide-border text-sm" data-testid="audit-events">
              {events.map((e) => (
                <AuditRow key={e.id} event={e} />
              ))}
            </ul>
          )}
          {cursor && (
            <Button
              variant="secondary"
              size="sm"
              disabled={loadingMore.pending}
              onClick={() => void loadMore()}
              data-testid="audit-more"
            >
              Load older events
            </Button>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  const lines = detailLines(event.details);
  return (
    <li className="flex flex-col gap-0.5 py-2" data-testid="audit-event" data-action={event.action}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge>{event.action}</Badge>
        <span className="font-medium">{actorLabel(event)}</span>
        <span className="text-xs text-muted-foreground">
          {new Date(event.at).toLocaleString()}
          {event.ip ? ` · ${event.ip}` : ''}
        </span>
      </div>
      {lines.length > 0 && <div className="text-xs text-muted-foreground">{lines.join(' · ')}</div>}
    </li>
  );
}
