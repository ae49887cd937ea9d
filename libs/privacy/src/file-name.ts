import type { Role } from '@hushdesk/contracts';
import { project, type FieldPolicy } from './field-policy';
import { mask, type MaskingStyle } from './masking';

/** A short, ordinary extension (`.txt`, `.jpeg`), kept when a name is masked or withheld; else none. */
export function fileExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot).toLowerCase() : '';
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}

/**
 * The name shown for a file whose name may not be shown: `attachment-` and the first eight hex
 * digits of its id, with the extension (`attachment-3f2a9c1b.txt`). Stable, so a list, a
 * download and a review all call the same file the same thing.
 */
export function withheldFileName(id: string, fileName: string): string {
  const tag =
    id
      .replace(/[^0-9a-f]/gi, '')
      .slice(0, 8)
      .toLowerCase() || 'file';
  return `attachment-${tag}${fileExtension(fileName)}`;
}

/** The file name under a masking style, keeping the extension: `•••••.txt`, `A. M. D. N..pdf`. */
export function maskFileName(fileName: string, style: MaskingStyle): string {
  const ext = fileExtension(fileName);
  const base = ext ? fileName.slice(0, -ext.length) : fileName;
  // Separators between words count as spaces, so the `name` style gives initials per word.
  return `${mask(base.replace(/[_.-]+/g, ' ').trim() || base, style === 'none' ? 'full' : style) ?? ''}${ext}`;
}

/**
 * What `role` may see of an attachment's file name under the `attachment.fileName` policy:
 * clear, masked in the policy's style, or withheld (a neutral name, never null, since a download
 * needs one). The uploader counts as the data subject and sees the name they gave.
 */
export function fileNameFor(
  file: { id: string; fileName: string },
  policy: FieldPolicy,
  role: Role,
  isUploader: boolean,
): string {
  const shown = project(file.fileName, policy, role, isUploader);
  if (shown === undefined || shown === null) return withheldFileName(file.id, file.fileName);
  if (shown === file.fileName) return shown;
  return maskFileName(file.fileName, policy.masking);
}
