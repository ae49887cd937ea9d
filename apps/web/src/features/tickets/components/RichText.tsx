import { renderMarkdown } from '@hushdesk/rich-text';
import { useMemo } from 'react';
import './tickets.css';

/**
 * A reply's Markdown as the customer and the mail see it. The markup comes from the shared
 * renderer (`@hushdesk/rich-text`), which escapes any HTML in the source, drops `javascript:` and
 * `data:` links and renders no images, so it is inserted as markup here and nowhere else.
 */
export function RichText({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return (
    <div
      className={['rich-text', className].filter(Boolean).join(' ')}
      // Sanitised by construction in @hushdesk/rich-text (see above).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
