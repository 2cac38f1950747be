import { useState, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/states';
import { cn } from '@/lib/cn';
import type { WireAttempt, WireExchange } from '@gateway/contracts';
import { useUpstreamWire } from '../api';
import {
  attemptLabel,
  bodyNote,
  isEventStream,
  prettyBody,
  type ClientExchange,
} from '../wire-shape';

interface Props {
  gatewayId: string;
  title: string;
  requestId: string | null;
  client: ClientExchange | null;
  /** The call is over: the capture is complete and can be read. */
  settled: boolean;
  onClose: () => void;
}

/**
 * Three views of one call side by side: what the playground sent and received, the request the
 * gateway sent upstream (converted, credentials masked) and the upstream's raw answer.
 */
export function WirePanel({ gatewayId, title, requestId, client, settled, onClose }: Props) {
  const wire = useUpstreamWire(gatewayId, requestId, settled);
  const [picked, setPicked] = useState<number | null>(null);
  const attempts = wire.data?.attempts ?? [];
  const index = picked ?? attempts.length - 1;
  const attempt = attempts[index];
  return (
    <Card data-testid="wire-panel">
      <CardHeader>
        <CardTitle>Wire · {title}</CardTitle>
        <div className="flex min-w-0 items-center gap-2">
          {requestId && <code className="truncate text-xs text-muted-foreground">{requestId}</code>}
          <Button size="sm" variant="ghost" onClick={onClose} data-testid="wire-close">
            Close
          </Button>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {attempts.length > 1 && (
          <div className="flex flex-wrap gap-1" role="tablist" aria-label="Upstream attempts">
            {attempts.map((a, i) => (
              <Button
                key={i}
                size="sm"
                role="tab"
                aria-selected={i === index}
                variant={i === index ? 'primary' : 'secondary'}
                onClick={() => setPicked(i)}
                data-testid="wire-attempt"
              >
                {attemptLabel(a, i)}
              </Button>
            ))}
          </div>
        )}
        <div className="grid min-w-0 gap-3 lg:grid-cols-3">
          <Column title="Client" testId="wire-client">
            {client ? <ClientView client={client} /> : <Muted>Nothing sent yet.</Muted>}
          </Column>
          <Column title="Upstream request" testId="wire-upstream-request">
            <Upstream wire={wire} settled={settled} requestId={requestId}>
              {attempt && <UpstreamRequest attempt={attempt} wire={wire.data!} />}
            </Upstream>
          </Column>
          <Column title="Upstream response" testId="wire-upstream-response">
            <Upstream wire={wire} settled={settled} requestId={requestId}>
              {attempt && <UpstreamResponse attempt={attempt} />}
            </Upstream>
          </Column>
        </div>
      </CardContent>
    </Card>
  );
}

function Upstream({
  wire,
  settled,
  requestId,
  children,
}: {
  wire: ReturnType<typeof useUpstreamWire>;
  settled: boolean;
  requestId: string | null;
  children: ReactNode;
}) {
  if (!requestId) return <Muted>The gateway gave no request id: no upstream call was made.</Muted>;
  if (!settled) return <Muted>Shown when the call is over.</Muted>;
  if (wire.error) return <ErrorState error={wire.error} onRetry={wire.refetch} />;
  if (!wire.data) return <LoadingState label="Loading the upstream exchange…" className="p-2" />;
  if (wire.data.attempts.length === 0)
    return <Muted>The gateway answered without calling an upstream.</Muted>;
  return children;
}

function ClientView({ client }: { client: ClientExchange }) {
  return (
    <>
      <Section>
        <Line testId="wire-client-request-line">
          {client.method} {client.url}
        </Line>
        <Headers headers={client.requestHeaders} />
        <Body text={prettyBody(client.requestBody)} testId="wire-client-request-body" />
      </Section>
      <Section>
        {client.status === null ? (
          <Muted>No answer yet.</Muted>
        ) : (
          <>
            <Line testId="wire-client-status">
              <StatusBadge status={client.status} />
            </Line>
            <Headers headers={client.responseHeaders} />
            {client.responseBody !== null && (
              <Body
                text={prettyBody(client.responseBody, client.responseHeaders['content-type'])}
                testId="wire-client-response-body"
              />
            )}
            {client.responseNote && <Muted>{client.responseNote}</Muted>}
          </>
        )}
      </Section>
    </>
  );
}

function UpstreamRequest({ attempt, wire }: { attempt: WireAttempt; wire: WireExchange }) {
  const { request } = attempt;
  const note = bodyNote(request.body);
  return (
    <Section>
      <Line testId="wire-upstream-url">
        {request.method} {request.url}
      </Line>
      <p className="text-xs text-muted-foreground">
        {attempt.provider} · {wire.upstream_format ?? 'unknown format'}
        {wire.upstream_format && wire.upstream_format !== wire.client_format && ' (converted)'}
      </p>
      <Headers headers={request.headers} open testId="wire-upstream-request-headers" />
      {request.body.text !== null && (
        <Body
          text={prettyBody(request.body.text, request.body.content_type)}
          testId="wire-upstream-request-body"
        />
      )}
      {note && <Muted>{note}</Muted>}
    </Section>
  );
}

function UpstreamResponse({ attempt }: { attempt: WireAttempt }) {
  const { response } = attempt;
  if (!response)
    return (
      <Section>
        <p role="alert" className="text-xs text-danger" data-testid="wire-upstream-error">
          {attempt.error ?? 'No answer'}
        </p>
      </Section>
    );
  const stream = isEventStream(response.body.content_type);
  const note = bodyNote(response.body);
  return (
    <Section>
      <Line testId="wire-upstream-status">
        <StatusBadge status={response.status} />
        {attempt.duration_ms !== null && (
          <span className="text-muted-foreground"> · {Math.round(attempt.duration_ms)} ms</span>
        )}
      </Line>
      <Headers headers={response.headers} />
      {stream ? (
        <ol
          className="max-h-96 overflow-auto rounded bg-muted p-2 text-xs"
          data-testid="wire-upstream-chunks"
        >
          {response.chunks.map((chunk, i) => (
            <li key={i} className="border-b border-border py-1 last:border-0">
              <span className="text-muted-foreground">+{Math.round(chunk.at_ms)} ms</span>
              <pre className="whitespace-pre-wrap break-all">{chunk.text}</pre>
            </li>
          ))}
        </ol>
      ) : (
        response.body.text !== null && (
          <Body
            text={prettyBody(response.body.text, response.body.content_type)}
            testId="wire-upstream-response-body"
          />
        )
      )}
      {note && <Muted>{note}</Muted>}
      {attempt.error && <p className="text-xs text-danger">{attempt.error}</p>}
    </Section>
  );
}

function Column({
  title,
  testId,
  children,
}: {
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="flex min-w-0 flex-col gap-2" data-testid={testId}>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">
        {title}
      </h3>
      {children}
    </section>
  );
}

function Section({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5 rounded-md border border-border p-2">
      {children}
    </div>
  );
}

function Line({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="break-all font-mono text-xs" data-testid={testId}>
      {children}
    </p>
  );
}

function Headers({
  headers,
  open = false,
  testId,
}: {
  headers: Record<string, string>;
  open?: boolean;
  testId?: string;
}) {
  const rows = Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
  return (
    <details open={open} className="text-xs" data-testid={testId}>
      <summary className="cursor-pointer text-muted-foreground">Headers ({rows.length})</summary>
      <dl className="mt-1 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-2 font-mono">
        {rows.map(([name, value]) => (
          <div key={name} className="contents" data-header={name}>
            <dt
              className={cn(
                'text-muted-foreground',
                name.startsWith('x-gateway-') && 'text-primary',
              )}
            >
              {name}
            </dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function Body({ text, testId }: { text: string; testId: string }) {
  return (
    <pre
      className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded bg-muted p-2 text-xs"
      data-testid={testId}
    >
      {text}
    </pre>
  );
}

function StatusBadge({ status }: { status: number }) {
  return (
    <Badge tone={status < 300 ? 'success' : status < 500 ? 'warning' : 'danger'}>{status}</Badge>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <p className="text-xs text-muted-foreground">{children}</p>;
}
