import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A mailbox password or OAuth token, sealed for `mailboxes.secret`: AES-256-GCM under
 * MAIL_CREDENTIALS_KEY with a fresh random IV, stored as iv | tag | ciphertext. The mailbox id is
 * bound in as associated data, so a sealed secret copied onto another mailbox's row does not open.
 */
export function sealSecret(key: Buffer, mailboxId: string, secret: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(mailboxId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Raised when a stored secret does not open: another key, another row, or tampered with. */
export class SealedSecretError extends Error {
  constructor() {
    super('the stored mailbox credentials do not open with this MAIL_CREDENTIALS_KEY');
    this.name = 'SealedSecretError';
  }
}

export function openSecret(key: Buffer, mailboxId: string, sealed: Buffer): string {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new SealedSecretError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(mailboxId, 'utf8'));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SealedSecretError();
  }
}
