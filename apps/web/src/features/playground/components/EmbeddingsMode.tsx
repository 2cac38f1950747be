import { useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input, Label, Textarea } from '@/components/ui/input';
import { formatCount } from '@/lib/format';
import type { CatalogModel } from '@gateway/contracts';
import {
  embeddingsRequestBody,
  embeddingsView,
  parseInputs,
  type EmbeddingsView,
} from '../modes-shape';
import { useGatewayCall } from '../useGatewayCall';
import { CallResult } from './CallResult';
import { ModelPicker } from './ModelPicker';

const SAMPLE = 'The cat sat on the mat.\nA kitten rested on the rug.\nQuarterly revenue grew 12%.';

/** Embeddings: texts in (one per line), vectors out, compared by cosine similarity. */
export function EmbeddingsMode({ gatewayId, secret }: { gatewayId: string; secret: string }) {
  const [model, setModel] = useState<CatalogModel | null>(null);
  const [text, setText] = useState(SAMPLE);
  const [dimensions, setDimensions] = useState('');
  // The inputs of the call in flight, to label its vectors.
  const sent = useRef<string[]>([]);
  const { state, start } = useGatewayCall<EmbeddingsView>({
    kind: 'json',
    shape: (body) => embeddingsView(body, sent.current),
  });
  const inputs = parseInputs(text);
  const ready = model !== null && inputs.length > 0 && state.status !== 'running';

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!model) return;
    sent.current = inputs;
    const dims = Number(dimensions);
    void start(
      'POST /v1/embeddings',
      secret,
      embeddingsRequestBody({
        model: model.name,
        inputs,
        dimensions: Number.isInteger(dims) && dims > 0 ? dims : null,
      }),
    );
  };

  const view = state.result;
  return (
    <div className="flex flex-col gap-4" data-testid="embeddings-mode">
      <Card>
        <CardContent>
          <form className="flex flex-col gap-3" onSubmit={send}>
            <ModelPicker index={0} mode="embedding" value={model} onChange={setModel} />
            <Label>
              Inputs, one per line
              <Textarea
                rows={4}
                value={text}
                onChange={(e) => setText(e.target.value)}
                data-testid="embeddings-inputs"
              />
            </Label>
            <div className="flex flex-wrap items-end gap-3">
              <Label className="w-36">
                Dimensions (optional)
                <Input
                  type="number"
                  min={1}
                  value={dimensions}
                  placeholder="model default"
                  onChange={(e) => setDimensions(e.target.value)}
                  data-testid="embeddings-dimensions"
                />
              </Label>
              <Button
                type="submit"
                className="ml-auto"
                disabled={!ready}
                data-testid="playground-send"
              >
                {state.status === 'running' ? 'Embedding…' : 'Embed'}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
      {state.status !== 'idle' && (
        <CallResult
          gatewayId={gatewayId}
          title={`embeddings · ${model?.name ?? ''}`}
          call={state}
          metrics={[
            {
              label: 'Dimensions',
              value: view?.rows[0] ? String(view.rows[0].dimensions) : '—',
              testId: 'embeddings-dims',
            },
            {
              label: 'Tokens (answer)',
              value: formatCount(view?.promptTokens),
              testId: 'embeddings-tokens',
            },
          ]}
        >
          {view && <EmbeddingsResult view={view} />}
        </CallResult>
      )}
    </div>
  );
}

function EmbeddingsResult({ view }: { view: EmbeddingsView }) {
  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-x-auto">
        <table className="w-full text-xs" data-testid="embeddings-vectors">
          <thead className="text-left text-muted-foreground">
            <tr>
              <th className="py-1 pr-3 font-medium">Input</th>
              <th className="py-1 pr-3 font-medium">Dims</th>
              <th className="py-1 font-medium">First values</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row, i) => (
              <tr key={i} className="border-t border-border" data-testid="embedding-row">
                <td className="max-w-64 truncate py-1 pr-3" title={row.input}>
                  {row.input}
                </td>
                <td className="py-1 pr-3 tabular-nums">{row.dimensions}</td>
                <td className="py-1 font-mono tabular-nums">
                  [{row.head.map((v) => v.toFixed(4)).join(', ')}
                  {row.dimensions > row.head.length ? ', …' : ''}]
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.rows.length > 1 && (
        <div className="overflow-x-auto">
          <h3 className="mb-1 text-xs font-medium text-muted-foreground">Cosine similarity</h3>
          <table className="text-xs" data-testid="embeddings-similarity">
            <thead>
              <tr>
                <th />
                {view.rows.map((_, j) => (
                  <th key={j} className="px-2 py-1 font-medium text-muted-foreground">
                    #{j + 1}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.similarity.map((line, i) => (
                <tr key={i}>
                  <th
                    className="max-w-48 truncate py-1 pr-2 text-left font-medium text-muted-foreground"
                    title={view.rows[i].input}
                  >
                    #{i + 1} {view.rows[i].input}
                  </th>
                  {line.map((value, j) => (
                    <td
                      key={j}
                      className="px-2 py-1 text-center font-mono tabular-nums"
                      style={{
                        backgroundColor:
                          value === null
                            ? undefined
                            : `color-mix(in oklab, var(--color-primary) ${Math.round(Math.max(0, value) * 45)}%, transparent)`,
                      }}
                      data-testid="similarity-cell"
                    >
                      {value === null ? '—' : value.toFixed(3)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
