import type { ReactNode } from 'react';
import { ApiError } from '../services/api';

export function Alert({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div role="alert" className="alert alert-error">
      <p className="alert-title">{title}</p>
      {children}
    </div>
  );
}

/** An error in plain words, with the server's message and the id support needs to trace it. */
export function ErrorAlert({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const correlationId = error instanceof ApiError ? error.correlationId : null;
  return (
    <Alert title={title}>
      {message !== title && <p>{message}</p>}
      {correlationId && (
        <p className="muted">
          Reference: <code>{correlationId}</code>
        </p>
      )}
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </Alert>
  );
}
