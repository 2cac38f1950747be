import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, Toggle } from '@/components/ui/field';
import { Input, Select, Textarea } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/states';
import { useAction } from '@/lib/useAction';
import { providerApi } from '../api';
import { routingFormFrom, STRATEGIES, toRoutingBody, type RoutingFormValues } from '../shape';
import type { RoutingSettings, StrategyName } from '@gateway/contracts';

export function RoutingCard({
  gatewayId,
  settings,
  readOnly,
}: {
  gatewayId: string;
  settings: RoutingSettings;
  /** Shown, not changed: for members (admins change routing). */
  readOnly: boolean;
}) {
  const [values, setValues] = useState<RoutingFormValues>(() => routingFormFrom(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [save, saving] = useAction((body: RoutingSettings) =>
    providerApi.saveRouting(gatewayId, body),
  );

  const change = (next: Partial<RoutingFormValues>) => {
    setSaved(false);
    setValues((v) => ({ ...v, ...next }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toRoutingBody(values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    const answer = await save(result.body);
    if (answer) {
      setValues(routingFormFrom(answer));
      setSaved(true);
    }
  };

  return (
    <Card data-testid="routing-card">
      <CardHeader>
        <CardTitle>Routing</CardTitle>
      </CardHeader>
      <CardContent>
        <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset disabled={readOnly} className="contents">
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Field label="Strategy" hint="A request can override it with a header">
                <Select
                  value={values.strategy}
                  onChange={(e) => change({ strategy: e.target.value as StrategyName })}
                  data-testid="routing-strategy"
                >
                  {STRATEGIES.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Deadline per request (ms)" error={errors.deadline_ms}>
                <Input
                  inputMode="numeric"
                  value={values.deadline_ms}
                  onChange={(e) => change({ deadline_ms: e.target.value })}
                />
              </Field>
            </div>
            <Toggle
              checked={values.high_availability}
              onChange={(v) => change({ high_availability: v })}
              label="High availability: any available provider may answer, whatever model was asked"
              testId="routing-ha"
            />
            <Field
              label="Model fallbacks"
              error={errors.model_fallbacks}
              hint="One per line, in order: gpt-4o: claude-sonnet-4-5, gemini-2.5-pro"
            >
              <Textarea
                value={values.model_fallbacks}
                onChange={(e) => change({ model_fallbacks: e.target.value })}
                data-testid="routing-fallbacks"
              />
            </Field>
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <fieldset className="flex flex-col gap-2 rounded-md border border-border p-3">
                <legend className="px-1 text-sm font-medium">Retries (jittered backoff)</legend>
                <div className="grid grid-cols-3 gap-2">
                  <Field label="Max" error={errors['retry.max_retries']}>
                    <Input
                      inputMode="numeric"
                      value={values.retry.max_retries}
                      onChange={(e) =>
                        change({ retry: { ...values.retry, max_retries: e.target.value } })
                      }
                    />
                  </Field>
                  <Field label="Base ms" error={errors['retry.base_ms']}>
                    <Input
                      inputMode="numeric"
                      value={values.retry.base_ms}
                      onChange={(e) =>
                        change({ retry: { ...values.retry, base_ms: e.target.value } })
                      }
                    />
                  </Field>
                  <Field label="Max ms" error={errors['retry.max_ms']}>
                    <Input
                      inputMode="numeric"
                      value={values.retry.max_ms}
                      onChange={(e) =>
                        change({ retry: { ...values.retry, max_ms: e.target.value } })
                      }
                    />
                  </Field>
                </div>
              </fieldset>
              <fieldset className="flex flex-col gap-2 rounded-md border border-border p-3">
                <legend className="px-1 text-sm font-medium">Circuit breaker</legend>
                <div className="grid grid-cols-3 gap-2">
                  <Field label="Failures" error={errors['breaker.failure_threshold']}>
                    <Input
                      inputMode="numeric"
                      value={values.breaker.failure_threshold}
                      onChange={(e) =>
                        change({
                          breaker: { ...values.breaker, failure_threshold: e.target.value },
                        })
                      }
                    />
                  </Field>
                  <Field label="Window ms" error={errors['breaker.window_ms']}>
                    <Input
                      inputMode="numeric"
                      value={values.breaker.window_ms}
                      onChange={(e) =>
                        change({ breaker: { ...values.breaker, window_ms: e.target.value } })
                      }
                    />
                  </Field>
                  <Field label="Cooldown ms" error={errors['breaker.cooldown_ms']}>
                    <Input
                      inputMode="numeric"
                      value={values.breaker.cooldown_ms}
                      onChange={(e) =>
                        change({ breaker: { ...values.breaker, cooldown_ms: e.target.value } })
                      }
                    />
                  </Field>
                </div>
              </fieldset>
            </div>
          </fieldset>
          {saving.error && <ErrorState error={saving.error} />}
          {!readOnly && (
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={saving.pending} data-testid="routing-save">
                {saving.pending ? 'Saving…' : 'Save routing'}
              </Button>
              {saved && (
                <span className="text-sm text-success" role="status" data-testid="routing-saved">
                  Saved
                </span>
              )}
            </div>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
