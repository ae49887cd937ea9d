import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { BlobStore } from '../blobs/blob-store';
import { copyToScratch, type ScratchCopy } from '../blobs/scratch-file';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { cleanFileName, detectFileType, SNIFF_BYTES } from './file-type';

/**
 * Receives one multipart file in the field "file" into a scratch file, refusing a body that is not
 * multipart (400), a missing file (400) and one over `maxBytes` (413). Every upload route uses it, so
 * a file kept in a reply draft meets the same limits as one attached to a ticket. `use` stores it;
 * the scratch file is removed afterwards either way (already moved into the store unless a check
 * refused it).
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  blobs: BlobStore,
  maxBytes: number,
  use: (rawName: string, copy: ScratchCopy) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart()) throw DomainError.invalidField('file', 'must be sent as multipart/form-data');
  // One byte over the limit is let through, so the copy below can tell "at the limit" from "over".
  const file = await request.file({
    limits: { fileSize: maxBytes + 1, files: 1 },
    throwFileSizeLimit: false,
  });
  if (!file || file.fieldname !== 'file') throw DomainError.invalidField('file', 'is required');
  // Streamed to a scratch file, not read into memory: ten uploads at the limit would hold 10× it.
  const copy = await copyToScratch(blobs, file.file, { maxBytes, headBytes: SNIFF_BYTES });
  if (!copy) {
    const mb = Math.round(maxBytes / (1024 * 1024));
    throw new DomainError(DomainErrorCode.TooLarge, `file is larger than the ${mb} MB limit`);
  }
  try {
    return await use(file.filename, copy);
  } finally {
    await rm(copy.path, { force: true });
  }
}

/** An upload that passed the type check: its cleaned name, detected type, size and digest. */
export interface CheckedUpload {
  fileName: string;
  contentType: string;
  size: number;
  sha256: Buffer;
}

/** The type check by content and name; a refusal is a 400 naming the field "file". */
export function checkUpload(rawName: string, data: Buffer | ScratchCopy): CheckedUpload {
  const fileName = cleanFileName(rawName);
  const inMemory = Buffer.isBuffer(data);
  const size = inMemory ? data.length : data.size;
  const type = detectFileType(fileName, inMemory ? data : data.head, size);
  if (!type.ok) throw DomainError.invalidField('file', type.reason);
  const sha256 = inMemory ? createHash('sha256').update(data).digest() : data.sha256;
  return { fileName, contentType: type.contentType, size, sha256 };
}
