import type { ReactNode } from 'react';
import type { ApiError } from '../../../electron/preload/types.js';
import { humanText } from '../format/copy.js';

/** A quiet "loading" line; `label` says what is loading for screen readers. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** A failure with the core's explanation and recommendation, and a retry when one makes sense. */
export function ErrorNotice({ error, onRetry, title = 'Could not load this' }: { error: ApiError; onRetry?: () => void; title?: string }) {
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <p className="error-message">{humanText(error.message)}</p>
      {error.recommendation && <p className="error-recommendation">{humanText(error.recommendation)}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children}
    </div>
  );
}
