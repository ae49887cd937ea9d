import { useEffect } from 'react';

/** Sets the browser tab title for a page, e.g. "Users · Hushdesk". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Hushdesk` : 'Hushdesk';
  }, [title]);
}
