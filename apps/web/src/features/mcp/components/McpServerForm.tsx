import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input, Textarea } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import type { CreateMcpServerInput } from '@gateway/contracts';
import { mcpApi } from '../api';
import { emptyMcpServerForm, toMcpServerBody, type McpServerFormValues } from '../shape';

export function McpServerForm({
  gatewayId,
  onSaved,
  onCancel,
}: {
  gatewayId: string;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<McpServerFormValues>(emptyMcpServerForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [create, creating] = useAction((body: CreateMcpServerInput) =>
    mcpApi.create(gatewayId, body),
  );
  const set = (key: keyof McpServerFormValues, value: string) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toMcpServerBody(values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    if (await create(result.body)) onSaved();
  };

  return (
    <form className="flex flex-col gap-3" onSubmit={submit} data-testid="mcp-form">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" error={errors.name} hint="Prefixes its tools: name__tool">
          <Input
            value={values.name}
            placeholder="docs"
            onChange={(e) => set('name', e.target.value)}
            data-testid="mcp-name"
          />
        </Field>
        <Field label="URL" error={errors.url} hint="Streamable HTTP endpoint">
          <Input
            value={values.url}
            placeholder="https://mcp.example.com/mcp"
            onChange={(e) => set('url', e.target.value)}
            data-testid="mcp-url"
          />
        </Field>
        <Field
          label="Price per call (USD)"
          error={errors.price_per_call_usd}
          hint="Empty = unknown"
        >
          <Input
            inputMode="decimal"
            value={values.price_per_call_usd}
            onChange={(e) => set('price_per_call_usd', e.target.value)}
          />
        </Field>
        <Field label="Timeout (ms)" error={errors.timeout_ms} hint="Empty = server default">
          <Input
            inputMode="numeric"
            value={values.timeout_ms}
            onChange={(e) => set('timeout_ms', e.target.value)}
          />
        </Field>
      </div>
      <Field
        label="Headers"
        error={errors.headers}
        hint="One Name: value per line (e.g. Authorization: Bearer …); stored encrypted"
      >
        <Textarea
          value={values.headers}
          onChange={(e) => set('headers', e.target.value)}
          data-testid="mcp-headers"
        />
      </Field>
      {creating.error && <ErrorState error={creating.error} />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={creating.pending} data-testid="mcp-save">
          {creating.pending ? 'Adding…' : 'Add server'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
