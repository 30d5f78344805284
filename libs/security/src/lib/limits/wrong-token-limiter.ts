import { DomainError } from '@accounts/event-sourcing';
import { clientAddressKey } from './client-address';
import { SlidingWindowLimiter } from './sliding-window-limiter';
import type { LimiterStore } from './stores/limiter-store';

export interface WrongTokenLimits {
  /** Names the counters in a shared store: `<name>-per-address`, `<name>-per-account`. */
  readonly name: string;
  readonly windowSeconds: number;
  /** Wrong tokens allowed per client address (IPv6 by /64) in any window. */
  readonly perAddress: number;
  /** Wrong tokens allowed per account in any window; absent where a wrong token names no account. */
  readonly perAccount?: number;
  /** The stable code of the 429, e.g. `AUTH-activation-too-many-attempts`. */
  readonly code: string;
  /** What the person did too often, e.g. `Too many wrong confirmation links`. */
  readonly tooMany: string;
}

/** Who guessed: the client address, and the account where the request names one. */
export interface Guesser {
  readonly ip: string | undefined;
  readonly accountId?: string;
}

/**
 * Limits wrong single-use tokens (activation, email-change and similar links). A token carries 256
 * bits, so guessing one is hopeless, but every guess is limited (ASVS 2.2.1) and a scanner gets 429s,
 * not an oracle. With a store, every worker process and replica of the service counts together.
 */
export class WrongTokenLimiter {
  private readonly perAddress: SlidingWindowLimiter;
  private readonly perAccount: SlidingWindowLimiter | null;

  constructor(
    private readonly limits: WrongTokenLimits,
    store?: LimiterStore,
  ) {
    const window = (limit: number, per: string) =>
      new SlidingWindowLimiter({
        limit,
        windowSeconds: limits.windowSeconds,
        ...(store ? { store, name: `${limits.name}-per-${per}` } : {}),
      });
    this.perAddress = window(limits.perAddress, 'address');
    this.perAccount = limits.perAccount === undefined ? null : window(limits.perAccount, 'account');
  }

  /** Throws 429 with Retry-After while the address (or the account) has used up its wrong tokens. */
  assertAllowed(guesser: Guesser, now = Date.now()): void {
    const wait = Math.max(
      this.perAddress.retryAfterSeconds(clientAddressKey(guesser.ip), now),
      this.ofAccount(guesser)?.retryAfterSeconds(now) ?? 0,
    );
    if (wait > 0)
      throw new DomainError(
        'too_many_attempts',
        this.limits.code,
        `${this.limits.tooMany}: try again in ${wait} s`,
        { retryAfterSeconds: wait },
      );
  }

  failed(guesser: Guesser, now = Date.now()): void {
    this.ofAccount(guesser)?.record(now);
    this.perAddress.record(clientAddressKey(guesser.ip), now);
  }

  /** The right token: the account's count starts again (an address's does not). */
  succeeded(accountId: string): void {
    this.perAccount?.clear(accountId);
  }

  /** The account's count, where there is a per-account limit and the request names an account. */
  private ofAccount(guesser: Guesser) {
    const { perAccount } = this;
    const { accountId } = guesser;
    if (!perAccount || accountId === undefined) return null;
    return {
      retryAfterSeconds: (now: number) => perAccount.retryAfterSeconds(accountId, now),
      record: (now: number) => perAccount.record(accountId, now),
    };
  }
}
