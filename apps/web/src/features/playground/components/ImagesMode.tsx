import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input, Label, Select, Textarea } from '@/components/ui/input';
import { formatCount } from '@/lib/format';
import type { CatalogModel } from '@gateway/contracts';
import { IMAGE_SIZES, imagesRequestBody, imagesView } from '../modes-shape';
import { useGatewayCall } from '../useGatewayCall';
import { CallResult } from './CallResult';
import { ModelPicker } from './ModelPicker';

/** Images: a prompt, a size and a count through `/v1/images/generations`. */
export function ImagesMode({ gatewayId, secret }: { gatewayId: string; secret: string }) {
  const [model, setModel] = useState<CatalogModel | null>(null);
  const [prompt, setPrompt] = useState('');
  const [size, setSize] = useState<string>('1024x1024');
  const [n, setN] = useState(1);
  const { state, start } = useGatewayCall({ kind: 'json', shape: (body) => imagesView(body) });
  const ready = model !== null && prompt.trim() !== '' && state.status !== 'running';

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!model) return;
    void start(
      'POST /v1/images/generations',
      secret,
      imagesRequestBody({ model: model.name, prompt, size, n }),
    );
  };

  const view = state.result;
  return (
    <div className="flex flex-col gap-4" data-testid="images-mode">
      <Card>
        <CardContent>
          <form className="flex flex-col gap-3" onSubmit={send}>
            <ModelPicker index={0} mode="image_generation" value={model} onChange={setModel} />
            <Label>
              Prompt
              <Textarea
                rows={3}
                value={prompt}
                placeholder="A lighthouse at dusk, watercolour"
                onChange={(e) => setPrompt(e.target.value)}
                data-testid="images-prompt"
              />
            </Label>
            <div className="flex flex-wrap items-end gap-3">
              <Label className="w-36">
                Size
                <Select
                  value={size}
                  onChange={(e) => setSize(e.target.value)}
                  data-testid="images-size"
                >
                  {IMAGE_SIZES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </Select>
              </Label>
              <Label className="w-20">
                Images
                <Input
                  type="number"
                  min={1}
                  max={10}
                  value={n}
                  onChange={(e) => setN(Math.min(10, Math.max(1, Number(e.target.value) || 1)))}
                  data-testid="images-n"
                />
              </Label>
              <Button
                type="submit"
                className="ml-auto"
                disabled={!ready}
                data-testid="playground-send"
              >
                {state.status === 'running' ? 'Generating…' : 'Generate'}
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
      {state.status !== 'idle' && (
        <CallResult
          gatewayId={gatewayId}
          title={`images · ${model?.name ?? ''}`}
          call={state}
          metrics={[
            { label: 'Images', value: view ? String(view.images.length) : '—' },
            ...(view?.tokens
              ? [
                  { label: 'Image tokens in', value: formatCount(view.tokens.input) },
                  { label: 'Image tokens out', value: formatCount(view.tokens.output) },
                ]
              : []),
          ]}
        >
          {view && (
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="images-result">
              {view.images.map((image, i) => (
                <figure key={i} className="flex flex-col gap-1">
                  <img
                    src={image.src}
                    alt={image.revisedPrompt ?? prompt}
                    className="w-full rounded-md border border-border bg-muted object-contain"
                    data-testid="generated-image"
                  />
                  {image.revisedPrompt && (
                    <figcaption className="text-xs text-muted-foreground">
                      Revised prompt: {image.revisedPrompt}
                    </figcaption>
                  )}
                </figure>
              ))}
              {view.images.length === 0 && (
                <p className="text-sm text-muted-foreground">The answer held no image.</p>
              )}
            </div>
          )}
        </CallResult>
      )}
    </div>
  );
}
