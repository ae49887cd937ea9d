/**
 * Decides what an uploaded file really is from its bytes, and whether Hushdesk accepts it.
 * The name's extension must agree with the content, so a script named "photo.png" is refused.
 */
interface Kind {
  contentType: string;
  extensions: readonly string[];
  /** `bytes` may be only the file's first bytes (at least `SNIFF_BYTES` of it); `size` is the whole file's. */
  matches(bytes: Buffer, size: number): boolean;
}

/** How much of a file the checks read: the signatures, and the sample text is judged on. */
export const SNIFF_BYTES = 64 * 1024;

const startsWith = (bytes: Buffer, signature: number[] | string, offset = 0) => {
  const sig = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= offset + sig.length && bytes.subarray(offset, offset + sig.length).equals(sig);
};

function isText(bytes: Buffer, size: number): boolean {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) return false;
  try {
    // Cut at the sample edge may split a character; decode a little less than we read.
    new TextDecoder('utf-8', { fatal: true }).decode(
      sample.length === size ? sample : sample.subarray(0, -4),
    );
    return true;
  } catch {
    return false;
  }
}

const KINDS: readonly Kind[] = [
  {
    contentType: 'image/png',
    extensions: ['.png'],
    matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    contentType: 'image/jpeg',
    extensions: ['.jpg', '.jpeg'],
    matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  },
  {
    contentType: 'image/gif',
    extensions: ['.gif'],
    matches: (b) => startsWith(b, 'GIF87a') || startsWith(b, 'GIF89a'),
  },
  {
    contentType: 'image/webp',
    extensions: ['.webp'],
    matches: (b) => startsWith(b, 'RIFF') && startsWith(b, 'WEBP', 8),
  },
  { contentType: 'application/pdf', extensions: ['.pdf'], matches: (b) => startsWith(b, '%PDF-') },
  { contentType: 'text/csv', extensions: ['.csv'], matches: isText },
  {
    contentType: 'text/plain',
    extensions: ['.txt', '.log', '.text', '.conf', '.cfg', '.ini', '.md', ''],
    matches: isText,
  },
];

/** Whether the bytes are what a declared content type says (for raw uploads that carry no file name). */
export function contentMatches(contentType: string, bytes: Buffer): boolean {
  return KINDS.some((k) => k.contentType === contentType && k.matches(bytes, bytes.length));
}

export const ACCEPTED_FILES = 'PNG, JPEG, GIF, WebP, PDF, plain text, CSV or log files';
/** The content types a stored attachment can have, for the API document. */
export const ACCEPTED_CONTENT_TYPES: readonly string[] = [...new Set(KINDS.map((k) => k.contentType))];

export type Detection = { ok: true; contentType: string } | { ok: false; reason: string };

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot).toLowerCase() : '';
}

/** `bytes` is the whole file, or its first `SNIFF_BYTES` (or more) when `size` says how long it is. */
export function detectFileType(fileName: string, bytes: Buffer, size = bytes.length): Detection {
  if (size === 0) return { ok: false, reason: 'file is empty' };
  const ext = extensionOf(fileName);
  const byContent = KINDS.filter((k) => k.matches(bytes, size));
  if (!byContent.length) return { ok: false, reason: `file type is not accepted; send ${ACCEPTED_FILES}` };
  const kind = byContent.find((k) => k.extensions.includes(ext));
  if (!kind) return { ok: false, reason: `file content does not match its name (${ext || 'no extension'})` };
  return { ok: true, contentType: kind.contentType };
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
const CONTROL_OR_QUOTE = /[\u0000-\u001f\u007f"]/g;

/** A display name without paths, control characters or anything a filesystem or header would choke on. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(CONTROL_OR_QUOTE, '').replace(/^\.+/, '').trim();
  return (cleaned || 'file').slice(0, 255);
}
