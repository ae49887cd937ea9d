import type { ReactNode } from 'react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { useDocumentTitle } from '../lib/use-document-title';
import { Wordmark } from '../ui/Logo';

function StandalonePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="standalone">
      <header className="standalone__header">
        <Link to="/" className="standalone__home" aria-label="Hushdesk home">
          <Wordmark />
        </Link>
      </header>
      <main className="standalone__main" id="main-content">
        <div className="card card--narrow">
          <h1 className="card__title">{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <StandalonePage title="Page not found">
      <p className="muted">The page you asked for does not exist, or it has moved.</p>
      <Link to="/" className="button button--primary">
        Go to your home page
      </Link>
    </StandalonePage>
  );
}

/** Last-resort screen when a page fails to render. */
export function RouteErrorPage() {
  const error = useRouteError();
  useDocumentTitle('Something went wrong');
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <StandalonePage title="Something went wrong">
      <p className="muted" role="alert">
        This page could not be shown. Reload to try again; if it keeps happening, let your administrator know.
      </p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          window.location.reload();
        }}
      >
        Reload
      </button>
    </StandalonePage>
  );
}
