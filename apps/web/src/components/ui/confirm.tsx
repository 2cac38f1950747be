import { useState, type ReactNode } from 'react';
import { Button } from './button';

/** A destructive button that asks once more inline before acting. */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  pending,
  testId,
}: {
  label: string;
  question: ReactNode;
  onConfirm: () => void;
  pending?: boolean;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button
        size="sm"
        variant="ghost"
        className="text-danger"
        onClick={() => setAsking(true)}
        data-testid={testId}
      >
        {label}
      </Button>
    );
  return (
    <div
      className="flex w-full flex-wrap items-center gap-2 rounded-md border border-danger/40 bg-danger/10 p-2 text-sm"
      role="alertdialog"
      aria-label={`Confirm ${label.toLowerCase()}`}
    >
      <span className="min-w-0 flex-1">{question}</span>
      <Button
        size="sm"
        variant="danger"
        disabled={pending}
        onClick={onConfirm}
        data-testid={testId ? `${testId}-confirm` : undefined}
      >
        {pending ? 'Deleting…' : 'Yes, delete'}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </div>
  );
}
