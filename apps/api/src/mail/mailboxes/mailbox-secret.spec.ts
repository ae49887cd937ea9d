import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret, SealedSecretError } from './mailbox-secret';

describe('mailbox secrets', () => {
  const key = randomBytes(32);
  const id = '5b0c3f6e-2d1a-4c7e-9f00-0a1b2c3d4e5f';

  it('opens what it sealed, and never stores the secret in clear', () => {
    const sealed = sealSecret(key, id, 'hunter2-app-password');
    expect(sealed.includes(Buffer.from('hunter2'))).toBe(false);
    expect(sealed.length).toBe(12 + 16 + Buffer.byteLength('hunter2-app-password'));
    expect(openSecret(key, id, sealed)).toBe('hunter2-app-password');
  });

  it('uses a fresh IV each time', () => {
    const a = sealSecret(key, id, 'same');
    const b = sealSecret(key, id, 'same');
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it.each([
    ['a flipped ciphertext bit', (s: Buffer) => (s[s.length - 1] ^= 1)],
    ['a flipped tag bit', (s: Buffer) => (s[12] ^= 1)],
    ['a flipped IV bit', (s: Buffer) => (s[0] ^= 1)],
  ])('refuses %s', (_what, tamper) => {
    const sealed = sealSecret(key, id, 'secret');
    tamper(sealed);
    expect(() => openSecret(key, id, sealed)).toThrow(SealedSecretError);
  });

  it('refuses another key, another mailbox and a truncated value, without echoing the secret', () => {
    const sealed = sealSecret(key, id, 'do-not-echo');
    expect(() => openSecret(randomBytes(32), id, sealed)).toThrow(SealedSecretError);
    expect(() => openSecret(key, '00000000-0000-4000-8000-000000000000', sealed)).toThrow(SealedSecretError);
    expect(() => openSecret(key, id, sealed.subarray(0, 20))).toThrow(SealedSecretError);
    try {
      openSecret(randomBytes(32), id, sealed);
    } catch (e) {
      expect(String(e)).not.toContain('do-not-echo');
    }
  });
});
