import type { ReactNode } from 'react';

/** An error about a whole form or screen; announced as soon as it appears. */
export function ErrorMessage({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert">
      <svg className="notice__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm-.9 4.25h1.8v5.5H9.1v-5.5ZM10 14.75a1.15 1.15 0 1 1 0-2.3 1.15 1.15 0 0 1 0 2.3Z"
        />
      </svg>
      <div className="notice__body">{children}</div>
      {action ? <div className="notice__action">{action}</div> : null}
    </div>
  );
}

/** Something could not be loaded: the message, and a "Try again" button that retries it. */
export function LoadError({ children, onRetry }: { children: ReactNode; onRetry: () => void }) {
  return (
    <ErrorMessage
      action={
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          Try again
        </button>
      }
    >
      {children}
    </ErrorMessage>
  );
}

/**
 * A polite live region: always rendered so that screen readers notice when a message is
 * put into it. Renders nothing visible while empty.
 */
export function StatusMessage({
  children,
  tone = 'info',
}: {
  children?: ReactNode;
  tone?: 'info' | 'success' | 'warning';
}) {
  return (
    <div role="status" aria-live="polite" className={children ? `notice notice--${tone}` : 'visually-hidden'}>
      {children}
    </div>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <div className="spinner-row" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** Full-screen loading state, used while we find out who is signed in. */
export function FullPageSpinner({ label = 'Loading Hushdesk…' }: { label?: string }) {
  return (
    <div className="full-page-center">
      <Spinner label={label} />
    </div>
  );
}
