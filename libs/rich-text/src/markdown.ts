import MarkdownIt from 'markdown-it';

/**
 * The one Markdown renderer for replies: the web thread, the composer's preview and the outbound
 * mail's HTML part all call it, so what an engineer previews is what the customer gets.
 *
 * Safe by construction rather than by cleaning afterwards:
 * - `html: false`: any HTML in the source is escaped and shown as text (`<script>`, `<img onerror>`);
 * - links only to `http:`, `https:` and `mailto:` (relative and `#` links too); `javascript:`,
 *   `data:`, `vbscript:`, `file:` and the rest stay as plain text;
 * - no images: `![alt](url)` renders as a link, so a reply never loads a remote picture (a tracking
 *   pixel in mail, a request to another site in the browser). Attachments carry pictures instead;
 * - every link opens in a new tab with `rel="noopener noreferrer nofollow"`.
 */
const SAFE_LINK = /^(?:https?:|mailto:|#|\/(?!\/))/i;

const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
md.disable(['image']);
md.validateLink = (url: string) => {
  // Tabs, newlines and control characters are how `java\tscript:` slips past a naive check.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
  const compact = url.replace(/[\u0000-\u0020\u007f]+/g, '');
  return SAFE_LINK.test(compact);
};

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  token.attrSet('rel', 'noopener noreferrer nofollow');
  token.attrSet('target', '_blank');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Sanitised HTML of a reply's Markdown: safe to insert as markup in the page and in mail. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/**
 * A plain-text rendering for the text part of a mail: the source with emphasis markers, heading
 * hashes and link syntax taken off, so it reads as written. Links keep their address in brackets.
 */
export function markdownToText(source: string): string {
  return source
    .replace(/\r\n?/g, '\n')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/!?\[([^\]\n]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, text: string, url: string) =>
      text && text !== url ? `${text} (${url})` : url,
    )
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/^```[^\n]*\n?/gm, '')
    .trim();
}
