import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';

/** How long a browser stays known to an account after its last successful sign-in. */
export const KNOWN_DEVICE_DAYS = 180;
const COOKIE_PREFIX = 'hd_device_';

/**
 * OWASP's "device cookie": a browser that has signed in to an account gets a signed, httpOnly
 * cookie for that account, and the account-wide sign-in limit does not apply to it. An attacker
 * guessing from many addresses slows every stranger down, but not the owner's own browser.
 *
 * One cookie per account, named by a keyed hash of the account's sign-in key (no email in the
 * name or value); the value is a random nonce and an HMAC binding it to the account.
 */
@Injectable()
export class KnownDevices {
  constructor(private readonly config: AppConfig) {}

  /** Whether the request carries a valid cookie for this account (its `account` sign-in key). */
  isKnown(request: FastifyRequest, account: Buffer): boolean {
    const value = request.cookies?.[this.cookieName(account)];
    if (typeof value !== 'string') return false;
    const [nonce, signature, ...rest] = value.split('.');
    if (!nonce || !signature || rest.length) return false;
    const expected = Buffer.from(this.sign(account, nonce));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Sets (or renews) the cookie after a successful sign-in. */
  remember(reply: FastifyReply, account: Buffer): void {
    const nonce = randomBytes(16).toString('base64url');
    void reply.setCookie(this.cookieName(account), `${nonce}.${this.sign(account, nonce)}`, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/api',
      maxAge: KNOWN_DEVICE_DAYS * 86_400,
    });
  }

  private cookieName(account: Buffer): string {
    return `${COOKIE_PREFIX}${this.mac('device-name', account).subarray(0, 8).toString('hex')}`;
  }

  private sign(account: Buffer, nonce: string): string {
    return this.mac('device-signature', account, nonce).toString('base64url');
  }

  private mac(purpose: string, account: Buffer, nonce = ''): Buffer {
    return createHmac('sha256', `${purpose}:${this.config.jwtSecret}`)
      .update(account)
      .update('\u0000')
      .update(nonce)
      .digest();
  }
}
