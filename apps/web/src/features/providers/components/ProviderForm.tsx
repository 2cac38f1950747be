import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Toggle } from '@/components/ui/field';
import { Input, Select, Textarea } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import type { CreateProviderInput } from '@gateway/contracts';
import { useAction } from '@/lib/useAction';
import { providerApi } from '../api';
import {
  COMMON_PROVIDERS,
  CONCURRENCY_FIELDS,
  emptyProviderForm,
  providerFormFromConfig,
  toProviderBody,
  type ProviderFormValues,
} from '../shape';
import type { ConcurrencyMode, Provider, SaturatedAction } from '@gateway/contracts';

interface Props {
  gatewayId: string;
  /** Editing this provider; absent = adding a new one. */
  existing?: Provider;
  onSaved: (provider: Provider) => void;
  onCancel: () => void;
}

export function ProviderForm({ gatewayId, existing, onSaved, onCancel }: Props) {
  const [values, setValues] = useState<ProviderFormValues>(() =>
    existing ? providerFormFromConfig(existing) : emptyProviderForm(),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [showAdvanced, setShowAdvanced] = useState(false);
  const [save, saving] = useAction(async (body: CreateProviderInput) =>
    existing
      ? providerApi.update(gatewayId, existing.id, body)
      : providerApi.create(gatewayId, body),
  );
  const [fetchModels, fetching] = useAction(async (id: string) =>
    providerApi.models(gatewayId, id),
  );
  const [fetched, setFetched] = useState<{ id: string; in_catalog: boolean }[]>();

  const set = <K extends keyof ProviderFormValues>(key: K, value: ProviderFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setConcurrency = (key: keyof ProviderFormValues['concurrency'], value: string) =>
    setValues((v) => ({ ...v, concurrency: { ...v.concurrency, [key]: value } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toProviderBody(values, existing ? 'update' : 'create');
    if (!result.ok) {
      setErrors(result.errors);
      // Concurrency errors live in the collapsed section: open it so they are visible.
      if (Object.keys(result.errors).some((k) => k.startsWith('concurrency.')))
        setShowAdvanced(true);
      return;
    }
    setErrors({});
    const saved = await save(result.body);
    if (saved) onSaved(saved);
  };

  const loadModels = async () => {
    if (!existing) return;
    const answer = await fetchModels(existing.id);
    if (answer) setFetched(answer.models);
  };

  const adaptive = values.concurrency.mode === 'adaptive';
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => void submit(e)}
      data-testid="provider-form"
      noValidate
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field
          label="Provider type"
          error={errors.provider}
          hint="Registry id, e.g. openai, anthropic"
        >
          <Input
            list="provider-types"
            value={values.provider}
            onChange={(e) => set('provider', e.target.value)}
            disabled={Boolean(existing)}
            data-testid="provider-type"
          />
          <datalist id="provider-types">
            {COMMON_PROVIDERS.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </Field>
        <Field label="Display name" error={errors.name}>
          <Input
            value={values.name}
            placeholder={values.provider}
            onChange={(e) => set('name', e.target.value)}
            maxLength={200}
            data-testid="provider-name"
          />
        </Field>
        <Field
          label="API key"
          error={errors.api_key}
          hint={
            existing?.key_last4
              ? `Stored key ends in ${existing.key_last4}; leave empty to keep it`
              : 'Encrypted at rest; only the last 4 characters are shown again'
          }
        >
          <Input
            type="password"
            autoComplete="off"
            value={values.api_key}
            onChange={(e) => set('api_key', e.target.value)}
            data-testid="provider-api-key"
          />
        </Field>
        <Field label="Base URL" error={errors.base_url} hint="Empty = the provider's default">
          <Input
            type="url"
            value={values.base_url}
            placeholder="https://api.example.com/v1"
            onChange={(e) => set('base_url', e.target.value)}
            data-testid="provider-base-url"
          />
        </Field>
      </div>

      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field
          label="Models"
          error={errors.models}
          hint="Comma or line separated; empty = every model of this provider"
        >
          <Textarea
            value={values.models}
            onChange={(e) => set('models', e.target.value)}
            data-testid="provider-models"
          />
          {existing && (
            <div className="flex flex-wrap items-center gap-2">
              <Button
                size="sm"
                variant="secondary"
                onClick={() => void loadModels()}
                disabled={fetching.pending}
                data-testid="provider-fetch-models"
              >
                {fetching.pending ? 'Fetching…' : 'Fetch models'}
              </Button>
              {fetched && (
                <>
                  <span className="font-normal" data-testid="provider-fetched-count">
                    {fetched.length} models ({fetched.filter((m) => m.in_catalog).length} priced)
                  </span>
                  {fetched.length > 0 && (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => set('models', fetched.map((m) => m.id).join(', '))}
                    >
                      Use all
                    </Button>
                  )}
                </>
              )}
            </div>
          )}
          {fetching.error && <ErrorState error={fetching.error} />}
        </Field>
        <Field
          label="Model mapping"
          error={errors.model_mapping}
          hint="One alias=upstream-model per line"
        >
          <Textarea
            value={values.model_mapping}
            placeholder="gpt-4o=my-deployment"
            onChange={(e) => set('model_mapping', e.target.value)}
          />
        </Field>
      </div>

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label="Priority" error={errors.priority} hint="Higher is tried first">
          <Input
            inputMode="numeric"
            value={values.priority}
            onChange={(e) => set('priority', e.target.value)}
            data-testid="provider-priority"
          />
        </Field>
        <Field label="Weight" error={errors.weight} hint="Round-robin share">
          <Input
            inputMode="numeric"
            value={values.weight}
            onChange={(e) => set('weight', e.target.value)}
          />
        </Field>
        <Field label="Timeout (ms)" error={errors.timeout_ms} hint="Empty = default">
          <Input
            inputMode="numeric"
            value={values.timeout_ms}
            onChange={(e) => set('timeout_ms', e.target.value)}
          />
        </Field>
        <Field label="Max retries" error={errors.max_retries}>
          <Input
            inputMode="numeric"
            value={values.max_retries}
            onChange={(e) => set('max_retries', e.target.value)}
          />
        </Field>
      </div>

      <Field
        label="Proxy"
        error={errors.proxy_url}
        hint="Optional http://, https:// or socks5:// URL"
      >
        <Input
          value={values.proxy_url}
          placeholder="socks5://127.0.0.1:1080"
          onChange={(e) => set('proxy_url', e.target.value)}
        />
      </Field>

      <Toggle
        checked={values.enabled}
        onChange={(v) => set('enabled', v)}
        label="Enabled"
        testId="provider-enabled"
      />

      <fieldset className="flex flex-col gap-3 rounded-md border border-border p-3">
        <legend className="px-1 text-sm font-medium">
          <button
            type="button"
            className="cursor-pointer"
            onClick={() => setShowAdvanced((s) => !s)}
            aria-expanded={showAdvanced}
            data-testid="provider-concurrency-toggle"
          >
            {showAdvanced ? '▾' : '▸'} Concurrency ({values.concurrency.mode}, max{' '}
            {values.concurrency.max})
          </button>
        </legend>
        {showAdvanced && (
          <>
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Field
                label="Mode"
                hint="Adaptive raises the limit while latency and errors stay low"
              >
                <Select
                  value={values.concurrency.mode}
                  onChange={(e) => setConcurrency('mode', e.target.value as ConcurrencyMode)}
                  data-testid="provider-concurrency-mode"
                >
                  <option value="fixed">Fixed</option>
                  <option value="adaptive">Adaptive</option>
                </Select>
              </Field>
              <Field label="When saturated">
                <Select
                  value={values.concurrency.on_saturated}
                  onChange={(e) =>
                    setConcurrency('on_saturated', e.target.value as SaturatedAction)
                  }
                >
                  <option value="queue">Wait in the queue</option>
                  <option value="next">Go to the next provider</option>
                </Select>
              </Field>
            </div>
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
              {CONCURRENCY_FIELDS.filter((f) => adaptive || !f.adaptiveOnly).map((f) => (
                <Field key={f.key} label={f.label} error={errors[`concurrency.${f.key}`]}>
                  <Input
                    inputMode="decimal"
                    value={values.concurrency[f.key]}
                    onChange={(e) => setConcurrency(f.key, e.target.value)}
                  />
                </Field>
              ))}
            </div>
          </>
        )}
      </fieldset>

      {saving.error && <ErrorState error={saving.error} />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={saving.pending} data-testid="provider-save">
          {saving.pending ? 'Saving…' : existing ? 'Save changes' : 'Add provider'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
