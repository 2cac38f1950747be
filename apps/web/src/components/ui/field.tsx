import { type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { Label } from './input';

/** A labelled form control with its validation message underneath. */
export function Field({
  label,
  error,
  hint,
  className,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Label className={cn('min-w-0', className)}>
      <span>{label}</span>
      {children}
      {error ? (
        <span className="text-danger" role="alert">
          {error}
        </span>
      ) : (
        hint && <span className="font-normal">{hint}</span>
      )}
    </Label>
  );
}

/** A checkbox with its label on the right, for on/off settings. */
export function Toggle({
  checked,
  onChange,
  label,
  disabled,
  testId,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <label className="inline-flex cursor-pointer items-center gap-2 text-sm">
      <input
        type="checkbox"
        className="h-4 w-4 accent-primary"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      {label}
    </label>
  );
}
