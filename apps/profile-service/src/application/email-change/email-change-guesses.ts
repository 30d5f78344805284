import { DomainError } from '@accounts/event-sourcing';
import { clientAddressKey, SlidingWindowLimiter } from '@accounts/security';

const WINDOW_SECONDS = 15 * 60;
/** Wrong tokens allowed per account and per client address in any 15 minutes. */
export const EMAIL_CHANGE_GUESSES_PER_ACCOUNT = 5;
export const EMAIL_CHANGE_GUESSES_PER_ADDRESS = 20;

/**
 * Limits wrong confirmation tokens (a token is 256 bits, but every guess is limited: ASVS 2.2.1), per
 * account and per client address (IPv6 by /64). In-process: each replica counts on its own.
 */
export class EmailChangeGuesses {
  private readonly perAccount = new SlidingWindowLimiter({
    limit: EMAIL_CHANGE_GUESSES_PER_ACCOUNT,
    windowSeconds: WINDOW_SECONDS,
  });
  private readonly perAddress = new SlidingWindowLimiter({
    limit: EMAIL_CHANGE_GUESSES_PER_ADDRESS,
    windowSeconds: WINDOW_SECONDS,
  });

  /** Throws 429 with Retry-After while either limit is reached. */
  assertAllowed(
    accountId: string,
    ip: string | undefined,
    now = Date.now(),
  ): void {
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
