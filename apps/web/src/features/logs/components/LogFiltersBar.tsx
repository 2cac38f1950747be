import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Label, Select } from '@/components/ui/input';
import { EMPTY_FILTERS, OPERATION_LABELS, type LogFilters } from '../shape';

const STATUS_CHOICES = ['all', 'success', 'error'];

/** Edits a draft and applies it on submit, so typing does not fire a request per key. */
export function LogFiltersBar({
  value,
  onChange,
}: {
  value: LogFilters;
  onChange: (filters: LogFilters) => void;
}) {
  const [draft, setDraft] = useState(value);
  const statusChoice = STATUS_CHOICES.includes(draft.status) ? draft.status : 'code';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  return (
    <form
      className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-7"
      onSubmit={submit}
      data-testid="log-filters"
    >
      <Label>
        Status
        <Select
          value={statusChoice}
          data-testid="filter-status"
          onChange={(e) =>
            setDraft({ ...draft, status: e.target.value === 'code' ? '' : e.target.value })
          }
        >
          <option value="all">All</option>
          <option value="success">Success</option>
          <option value="error">Errors</option>
          <option value="code">Status code…</option>
        </Select>
      </Label>
      {statusChoice === 'code' && (
        <Label>
          Code
          <Input
            inputMode="numeric"
            placeholder="429"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          />
        </Label>
      )}
      <Label>
        Model
        <Input
          value={draft.model}
          placeholder="any"
          onChange={(e) => setDraft({ ...draft, model: e.target.value })}
          data-testid="filter-model"
        />
      </Label>
      <Label>
        Provider
        <Input
          value={draft.provider}
          placeholder="any"
          onChange={(e) => setDraft({ ...draft, provider: e.target.value })}
        />
      </Label>
      <Label>
        Endpoint
        <Select
          value={draft.operation}
          data-testid="filter-operation"
          onChange={(e) => setDraft({ ...draft, operation: e.target.value })}
        >
          <option value="">Any</option>
          {Object.entries(OPERATION_LABELS).map(([op, label]) => (
            <option key={op} value={op}>
              {label}
            </option>
          ))}
        </Select>
      </Label>
      <Label>
        Key id
        <Input
          value={draft.keyId}
          placeholder="any"
          onChange={(e) => setDraft({ ...draft, keyId: e.target.value })}
        />
      </Label>
      <div className="flex items-end gap-2">
        <Button type="submit" size="sm" data-testid="filter-apply">
          Apply
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            setDraft(EMPTY_FILTERS);
            onChange(EMPTY_FILTERS);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
