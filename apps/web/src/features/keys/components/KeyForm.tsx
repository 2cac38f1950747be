import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Toggle } from '@/components/ui/field';
import { Input, Select, Textarea } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import type { CreateKeyInput } from '@gateway/contracts';
import { useAction } from '@/lib/useAction';
import { keyApi } from '../api';
import { emptyKeyForm, toKeyBody, type KeyFormValues } from '../shape';
import type { CreatedKey, KeyPrefix } from '@gateway/contracts';
import { KEY_PREFIXES, LIMIT_FIELDS } from '../limit-fields';

export function KeyForm({
  gatewayId,
  onCreated,
  onCancel,
}: {
  gatewayId: string;
  onCreated: (key: CreatedKey) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<KeyFormValues>(emptyKeyForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [create, creating] = useAction((body: CreateKeyInput) => keyApi.create(gatewayId, body));
  const set = <K extends keyof KeyFormValues>(key: K, value: KeyFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toKeyBody(values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    const key = await create(result.body);
    if (key) onCreated(key);
  };

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="key-form"
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Name" error={errors.name} className="sm:col-span-2">
          <Input
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
            maxLength={200}
            data-testid="key-name"
          />
        </Field>
        <Field label="Prefix style">
          <Select
            value={values.prefix}
            onChange={(e) => set('prefix', e.target.value as KeyPrefix)}
            data-testid="key-prefix"
          >
            {KEY_PREFIXES.map((p) => (
              <option key={p} value={p}>
                {p}…
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Allowed models" hint="Comma separated, * wildcards; empty = all">
          <Input
            value={values.allowed_models}
            placeholder="gpt-4o-mini, claude-*"
            onChange={(e) => set('allowed_models', e.target.value)}
            data-testid="key-models"
          />
        </Field>
        <Field label="Allowed providers" hint="Empty = all">
          <Input
            value={values.allowed_providers}
            placeholder="openai, anthropic"
            onChange={(e) => set('allowed_providers', e.target.value)}
          />
        </Field>
        <Field label="Allowed MCP tools" hint="server__tool, server__*; empty = all">
          <Input
            value={values.allowed_tools}
            placeholder="docs__search, calc__*"
            onChange={(e) => set('allowed_tools', e.target.value)}
            data-testid="key-tools"
          />
        </Field>
        <Field label="Expires" error={errors.expires_at} hint="Empty = never">
          <Input
            type="datetime-local"
            value={values.expires_at}
            onChange={(e) => set('expires_at', e.target.value)}
          />
        </Field>
      </div>

      <fieldset className="rounded-md border border-border p-3">
        <legend className="px-1 text-sm font-medium">Limits (empty = unlimited)</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {LIMIT_FIELDS.map((f) => (
            <Field key={f.key} label={f.label} error={errors[`limits.${f.key}`]}>
              <Input
                inputMode={f.usd ? 'decimal' : 'numeric'}
                value={values.limits[f.key]}
                onChange={(e) => set('limits', { ...values.limits, [f.key]: e.target.value })}
                data-testid={`key-limit-${f.key}`}
              />
            </Field>
          ))}
        </div>
      </fieldset>

      <Field label="System prompt" hint="Injected into every request made with this key">
        <Textarea
          value={values.system_prompt}
          onChange={(e) => set('system_prompt', e.target.value)}
          maxLength={100_000}
        />
      </Field>
      <Toggle checked={values.enabled} onChange={(v) => set('enabled', v)} label="Enabled" />

      {creating.error && <ErrorState error={creating.error} />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={creating.pending} data-testid="key-save">
          {creating.pending ? 'Creating…' : 'Create key'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
