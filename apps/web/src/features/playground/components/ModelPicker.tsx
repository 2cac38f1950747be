import { useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Input } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import { useCatalogSearch, type CatalogMode } from '../api';
import { isPricingTier } from '../modes-shape';
import { describeModel } from '../shape';
import type { CatalogModel } from '@gateway/contracts';

interface Props {
  index: number;
  value: CatalogModel | null;
  onChange: (model: CatalogModel) => void;
  /** Which models: chat (default), embedding, image_generation, audio_speech, audio_transcription. */
  mode?: CatalogMode;
}

const MODE_NOUN: Record<CatalogMode, string> = {
  chat: 'chat',
  embedding: 'embedding',
  image_generation: 'image',
  audio_speech: 'speech',
  audio_transcription: 'transcription',
};

/** Searches the model catalog as you type (debounced), one mode's models, with provider, prices and context. */
export function ModelPicker({ index, value, onChange, mode = 'chat' }: Props) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const catalog = useCatalogSearch(query, mode);
  const models = catalog.data?.models.filter((m) => !isPricingTier(m.name));

  return (
    <div className="relative flex flex-col gap-1" data-testid={`model-picker-${index}`}>
      <Input
        role="combobox"
        aria-expanded={open}
        aria-label={`Model ${index + 1}`}
        data-testid={`model-search-${index}`}
        placeholder={value ? value.name : 'Search models…'}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {value && (
        <p
          className="truncate text-xs text-muted-foreground"
          data-testid={`model-selected-${index}`}
        >
          <span className="font-medium text-foreground">{value.name}</span> · {describeModel(value)}
        </p>
      )}
      {open && (
        <div
          className="absolute top-10 z-20 max-h-80 w-full overflow-auto rounded-md border border-border bg-card shadow-lg"
          role="listbox"
        >
          {catalog.error && (
            <ErrorState className="m-2" error={catalog.error} onRetry={catalog.refetch} />
          )}
          {!catalog.data && !catalog.error && (
            <p className="p-3 text-xs text-muted-foreground">Searching…</p>
          )}
          {models?.length === 0 && (
            <p className="p-3 text-xs text-muted-foreground">
              No {MODE_NOUN[mode]} model matches “{query}”.
            </p>
          )}
          {models?.map((model) => (
            <button
              key={`${model.provider}/${model.name}`}
              type="button"
              role="option"
              aria-selected={value?.name === model.name}
              data-testid="model-option"
              data-model={model.name}
              className="flex w-full cursor-pointer flex-col gap-0.5 border-b border-border px-3 py-2 text-left last:border-0 hover:bg-muted"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                onChange(model);
                setText('');
                setOpen(false);
              }}
            >
              <span className="flex items-center gap-2 text-sm font-medium">
                <span className="truncate">{model.name}</span>
                {!model.configured && <Badge tone="warning">no key</Badge>}
              </span>
              <span className="text-xs text-muted-foreground">{describeModel(model)}</span>
            </button>
          ))}
          {catalog.data && catalog.data.total > catalog.data.models.length && (
            <p className="p-2 text-center text-xs text-muted-foreground">
              {catalog.data.models.length} of {catalog.data.total}; keep typing to narrow down
            </p>
          )}
        </div>
      )}
    </div>
  );
}
