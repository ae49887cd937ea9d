import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the package defaults (19 MiB, t=2, p=1): OWASP's recommended minimum. */
@Injectable()
export class PasswordHasher {
  // Verified against when the account does not exist, so both failures cost the same time.
  private readonly decoy = hash('hushdesk-decoy-password-not-used-by-anyone');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    const target = storedHash ?? (await this.decoy);
    try {
      const ok = await verify(target, password);
      return ok && storedHash !== undefined;
    } catch {
      return false;
    }
  }
}
