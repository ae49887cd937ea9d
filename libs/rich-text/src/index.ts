export { markdownToText, renderMarkdown } from './markdown';
