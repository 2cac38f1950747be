import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input, Label, Textarea } from '@/components/ui/input';
import type { CatalogModel } from '@gateway/contracts';
import { chatRequestBody } from '../shape';
import { useChatRun } from '../useChatRun';
import { RunPanel } from './RunPanel';
import { WirePanel } from './WirePanel';

/** Chat: one model, or two side by side, streamed through `/v1/chat/completions`. */
export function ChatMode({ gatewayId, secret }: { gatewayId: string; secret: string }) {
  const [system, setSystem] = useState('You are a helpful assistant.');
  const [prompt, setPrompt] = useState('');
  const [temperature, setTemperature] = useState(0.7);
  const [maxTokens, setMaxTokens] = useState(512);
  const [compare, setCompare] = useState(false);
  const [models, setModels] = useState<(CatalogModel | null)[]>([null, null]);
  const [wireFor, setWireFor] = useState<number | null>(null);
  const runs = [useChatRun(), useChatRun()];
  const active = compare ? [0, 1] : [0];
  const streaming = active.some((i) => runs[i].state.status === 'streaming');
  const ready = prompt.trim() !== '' && active.every((i) => models[i]);
  const wireRun = wireFor !== null && active.includes(wireFor) ? runs[wireFor].state : null;

  const send = (event: FormEvent) => {
    event.preventDefault();
    for (const i of active) {
      const model = models[i];
      if (!model) continue;
      void runs[i].start(
        secret,
        chatRequestBody({ model: model.name, system, prompt, temperature, maxTokens }),
      );
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardContent>
          <form className="flex flex-col gap-3" onSubmit={send}>
            <Label>
              System prompt
              <Textarea
                rows={2}
                value={system}
                onChange={(e) => setSystem(e.target.value)}
                data-testid="playground-system"
              />
            </Label>
            <Label>
              Message
              <Textarea
                rows={3}
                value={prompt}
                placeholder="Ask something…"
                onChange={(e) => setPrompt(e.target.value)}
                data-testid="playground-prompt"
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.metaKey || e.ctrlKey) && ready && !streaming) send(e);
                }}
              />
            </Label>
            <div className="flex flex-wrap items-end gap-3">
              <Label className="w-40">
                Temperature {temperature.toFixed(1)}
                <input
                  type="range"
                  min={0}
                  max={2}
                  step={0.1}
                  value={temperature}
                  onChange={(e) => setTemperature(Number(e.target.value))}
                  data-testid="playground-temperature"
                  className="accent-primary"
                />
              </Label>
              <Label className="w-28">
                Max tokens
                <Input
                  type="number"
                  min={1}
                  max={200000}
                  value={maxTokens}
                  onChange={(e) => setMaxTokens(Math.max(1, Number(e.target.value) || 1))}
                  data-testid="playground-max-tokens"
                />
              </Label>
              <label className="flex h-9 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={compare}
                  onChange={(e) => setCompare(e.target.checked)}
                  data-testid="playground-compare"
                />
                Compare two models
              </label>
              <div className="ml-auto flex gap-2">
                {streaming && (
                  <Button
                    variant="danger"
                    onClick={() => active.forEach((i) => runs[i].stop())}
                    data-testid="playground-stop"
                  >
                    Stop
                  </Button>
                )}
                <Button type="submit" disabled={!ready || streaming} data-testid="playground-send">
                  {streaming ? 'Streaming…' : 'Send'}
                </Button>
              </div>
            </div>
          </form>
        </CardContent>
      </Card>
      <div className={compare ? 'grid gap-4 md:grid-cols-2' : 'grid gap-4'}>
        {active.map((i) => (
          <RunPanel
            key={i}
            index={i}
            model={models[i]}
            onModelChange={(model) =>
              setModels((current) => current.map((m, j) => (j === i ? model : m)))
            }
            run={runs[i].state}
            onStop={runs[i].stop}
            wireOpen={wireFor === i}
            onWire={() => setWireFor((open) => (open === i ? null : i))}
          />
        ))}
      </div>
      {wireFor !== null && wireRun && (
        <WirePanel
          key={`${wireFor}:${wireRun.startedAt}`}
          gatewayId={gatewayId}
          title={`run ${wireFor + 1}${models[wireFor] ? ` · ${models[wireFor]!.name}` : ''}`}
          requestId={wireRun.requestId}
          client={wireRun.client}
          settled={wireRun.status !== 'idle' && wireRun.status !== 'streaming'}
          onClose={() => setWireFor(null)}
        />
      )}
    </div>
  );
}
