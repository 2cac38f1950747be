import { type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { Button } from './button';

export function LoadingState({
  label = 'Loading…',
  className,
}: {
  label?: string;
  className?: string;
}) {
  return (
    <div
      role="status"
      data-testid="loading"
      className={cn('flex items-center gap-2 p-6 text-sm text-muted-foreground', className)}
    >
      <span
        className="h-4 w-4 animate-spin rounded-full border-2 border-border border-t-primary"
        aria-hidden
      />
      {label}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  className,
}: {
  title: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      data-testid="empty"
      className={cn(
        'flex flex-col items-center gap-2 p-8 text-center text-sm text-muted-foreground',
        className,
      )}
    >
      <p className="font-medium text-foreground">{title}</p>
      {children}
    </div>
  );
}

/** Every failed request lands here with the API's own message, so a failure is never a blank page. */
export function ErrorState({
  error,
  onRetry,
  className,
}: {
  error: Error;
  onRetry?: () => void;
  className?: string;
}) {
  return (
    <div
      role="alert"
      data-testid="error"
      className={cn(
        'flex flex-wrap items-center gap-3 rounded-md border border-danger/40 bg-danger/10 p-3 text-sm text-danger',
        className,
      )}
    >
      <span className="min-w-0 flex-1 break-words">{error.message}</span>
      {onRetry && (
        <Button size="sm" variant="secondary" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}
