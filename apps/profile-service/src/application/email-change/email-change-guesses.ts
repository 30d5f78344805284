import { DomainError } from '@accounts/event-sourcing';
import {
  clientAddressKey,
  LIMITER_STORE,
  type LimiterStore,
  SlidingWindowLimiter,
} from '@accounts/security';
import { Inject, Injectable, Optional } from '@nestjs/common';

const WINDOW_SECONDS = 15 * 60;
/** Wrong tokens allowed per account and per client address in any 15 minutes. */
export const EMAIL_CHANGE_GUESSES_PER_ACCOUNT = 5;
export const EMAIL_CHANGE_GUESSES_PER_ADDRESS = 20;

/**
 * Limits wrong confirmation tokens (a token is 256 bits, but every guess is limited: ASVS 2.2.1), per
 * account and per client address (IPv6 by /64), on the service's shared limiter store so that every
 * worker process and replica counts together.
 */
@Injectable()
export class EmailChangeGuesses {
  private readonly perAccount: SlidingWindowLimiter;
  private readonly perAddress: SlidingWindowLimiter;

  constructor(@Optional() @Inject(LIMITER_STORE) store?: LimiterStore) {
    const shared = (name: string) => (store ? { store, name } : {});
    this.perAccount = new SlidingWindowLimiter({
      limit: EMAIL_CHANGE_GUESSES_PER_ACCOUNT,
      windowSeconds: WINDOW_SECONDS,
      ...shared('profile.email-change-per-account'),
    });
    this.perAddress = new SlidingWindowLimiter({
      limit: EMAIL_CHANGE_GUESSES_PER_ADDRESS,
      windowSeconds: WINDOW_SECONDS,
      ...shared('profile.email-change-per-address'),
    });
  }

  /** Throws 429 with Retry-After while either limit is reached. */
  assertAllowed(accountId: string, ip: string | undefined, now = Date.now()): void {
    const wait = Math.max(
      this.perAccount.retryAfterSeconds(accountId, now),
      this.perAddress.retryAfterSeconds(clientAddressKey(ip), now),
    );
    if (wait > 0)
      throw new DomainError(
        'too_many_attempts',
        'PROFILE-email-change-too-many-attempts',
        `Too many wrong confirmation links: try again in ${wait} s`,
        {
          retryAfterSeconds: wait,
        },
      );
  }

  failed(accountId: string, ip: string | undefined, now = Date.now()): void {
    this.perAccount.record(accountId, now);
    this.perAddress.record(clientAddressKey(ip), now);
  }

  succeeded(accountId: string): void {
    this.perAccount.clear(accountId);
  }
}
