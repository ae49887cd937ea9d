import { Injectable } from '@nestjs/common';
import { keyedHash, normaliseEmail } from '@hushdesk/privacy';
import { AppConfig } from '../config/app-config';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import { LoginThrottleRepository, type ThrottleKeyRow } from './login-throttle.repository';

/** The HMAC keys one sign-in attempt is counted under. */
export interface SignInKeys {
  /** The account, from any client: catches guesses spread over many addresses. */
  account: Buffer;
  /** The client, on any account: catches one address spraying many accounts. */
  client: Buffer;
  /** The account from this client: a person's own typos, or one client guessing one account. */
  accountClient: Buffer;
}

/** An attempt that passed the limits and is already counted as a failure until it succeeds. */
export interface SignInAttempt {
  keys: SignInKeys;
  /** A browser that has signed in to this account before (see KnownDevices). */
  knownDevice: boolean;
}

/** The first wait once a key's failures reach its allowance; each further failure doubles it. */
export const FIRST_WAIT_SECONDS = 30;
/** A key's failures are forgotten a day after its last one. */
const FORGET_AFTER_HOURS = 24;
/** A client may fail this many times the per-account allowance, over all accounts. */
const CLIENT_ALLOWANCE_FACTOR = 3;

/** "30 seconds", "1 minute", "15 minutes". */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Slows repeated sign-in failures instead of locking accounts. Each key may fail LOGIN_MAX_FAILURES
 * times (a client three times that, over all accounts); after that every attempt waits 30 s after
 * the last failure, doubling with each further failure up to LOGIN_WINDOW_MINUTES, and answers 429
 * with Retry-After until then. The account-wide and per-client keys do not apply to a browser that
 * has signed in to the account before, so a spray from many addresses slows strangers, not the
 * owner. Counters live in PostgreSQL (every instance sees them), keyed by HMACs only.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly throttle: LoginThrottleRepository,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {}

  keysFor(email: string, clientAddress: string): SignInKeys {
    const account = normaliseEmail(email);
    const key = this.config.identifierKey;
    return {
      account: keyedHash(key, 'login-account', account),
      client: keyedHash(key, 'login-address', clientAddress),
      accountClient: keyedHash(key, 'login-account-address', `${account}\u0000${clientAddress}`),
    };
  }

  /**
   * Checks every applicable key and, in the same transaction, counts the attempt as a failure
   * (undone by `succeeded`), so a burst of parallel guesses cannot all slip through before the
   * first is counted. 429 with the longest wait when any key must still wait.
   */
  async begin(keys: SignInKeys, knownDevice: boolean): Promise<SignInAttempt> {
    const applicable = this.applicable(keys, knownDevice);
    await this.forgetOld();
    await this.transactions.run(async (tx) => {
      const hashes = applicable.map((k) => k.hash);
      await this.throttle.ensureKeys(tx, hashes);
      const rows = await this.throttle.lockKeys(tx, hashes, FORGET_AFTER_HOURS);
      const wait = Math.max(
        0,
        ...rows.map((row) => {
          const allowance = applicable.find((k) => k.hash.equals(row.key_hash))?.allowance ?? 0;
          return this.remainingWait(row, allowance);
        }),
      );
      if (wait > 0) {
        const seconds = Math.ceil(wait);
        throw new DomainError(
          DomainErrorCode.RateLimited,
          `Too many failed sign-in attempts; try again in ${waitInWords(seconds)}.`,
          { retryAfterSeconds: seconds },
        );
      }
      await this.throttle.countFailure(tx, hashes, FORGET_AFTER_HOURS);
    });
    return { keys, knownDevice };
  }

  /**
   * The password was right: this client's failures on this account are forgiven (the person's own
   * typos), and taken off the client's tally too. From a browser new to the account, the
   * account-wide failures are forgiven as well: only the owner could prove the password there. A
   * known browser's sign-in forgives nothing else, so the owner signing in as usual does not give
   * someone spraying her account from elsewhere a fresh allowance; nor does signing in to one's own
   * account reset a spray of others from the same client.
   */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    const { keys, knownDevice } = attempt;
    await this.throttle.forgive(keys, knownDevice);
  }

  private applicable(keys: SignInKeys, knownDevice: boolean): { hash: Buffer; allowance: number }[] {
    const allowance = this.config.login.maxFailures;
    const list = [{ hash: keys.accountClient, allowance }];
    if (!knownDevice) {
      list.push({ hash: keys.account, allowance });
      list.push({ hash: keys.client, allowance: allowance * CLIENT_ALLOWANCE_FACTOR });
    }
    return list;
  }

  /** Seconds this key must still wait before another attempt. */
  private remainingWait(row: ThrottleKeyRow, allowance: number): number {
    if (row.failures < allowance || row.seconds_since === null) return 0;
    const cap = this.config.login.windowMinutes * 60;
    const wait = Math.min(FIRST_WAIT_SECONDS * 2 ** (row.failures - allowance), cap);
    return wait - row.seconds_since;
  }

  private async forgetOld(): Promise<void> {
    await this.throttle.forgetOlderThan(FORGET_AFTER_HOURS);
  }
}
