/** What the attachment routes accept, checked in the browser first so a refusal comes at once. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_ACCEPT =
  '.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.csv,.log,image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv';
const EXTENSIONS = /\.(png|jpe?g|gif|webp|pdf|txt|csv|log)$/i;

/** Why a file cannot be attached, in words for the person choosing it; null when it can. */
export function attachmentProblem(file: File): string | null {
  if (file.size > ATTACHMENT_MAX_BYTES) {
    return `${file.name} is larger than 10 MB. Attach a smaller file, or a screenshot of the part that matters.`;
  }
  if (!EXTENSIONS.test(file.name)) {
    return `${file.name} cannot be attached. Use an image (PNG, JPEG, GIF or WebP), a PDF, or a plain-text, CSV or log file.`;
  }
  return null;
}

/** A pasted picture has no useful name: give it one with its type's extension. */
export function namePastedFile(file: File, now = new Date()): File {
  const extension = file.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new File([file], `pasted-image-${stamp}.${extension}`, { type: file.type });
}

/** The image files among what was pasted or dropped. */
export function filesOf(list: DataTransfer | null, imagesOnly = false): File[] {
  if (!list) return [];
  const files = Array.from(list.files);
  return imagesOnly ? files.filter((f) => f.type.startsWith('image/')) : files;
}

/**
 * Uploads files to a ticket one by one through the attachment route (and its checks); the names
 * of those that failed, with why.
 */
export async function uploadFiles(
  ticketId: string,
  files: readonly File[],
  upload: (ticketId: string, file: File) => Promise<unknown>,
): Promise<{ name: string; why: string }[]> {
  const failed: { name: string; why: string }[] = [];
  for (const file of files) {
    try {
      await upload(ticketId, file);
    } catch (error) {
      failed.push({ name: file.name, why: error instanceof Error ? error.message : 'it could not be sent' });
    }
  }
  return failed;
}
