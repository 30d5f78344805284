import { DomainError } from '@accounts/event-sourcing';
import {
  clientAddressKey,
  LIMITER_STORE,
  type LimiterStore,
  SlidingWindowLimiter,
} from '@accounts/security';
import { Inject, Injectable, Optional } from '@nestjs/common';

const WINDOW_SECONDS = 15 * 60;
/** Wrong activation links allowed per client address in any 15 minutes. */
export const ACTIVATION_GUESSES_PER_ADDRESS = 20;

/**
 * Limits wrong activation tokens per client address (IPv6 by /64). A token carries 256 bits, so
 * guessing one is hopeless, but every guess is limited (ASVS 2.2.1) and a scanner gets 429s, not
 * an oracle. Counted on the service's shared limiter store: every worker and replica together.
 * There is no per-account count: an unknown token names no account.
 */
@Injectable()
export class ActivationGuesses {
  private readonly perAddress: SlidingWindowLimiter;

  constructor(@Optional() @Inject(LIMITER_STORE) store?: LimiterStore) {
    this.perAddress = new SlidingWindowLimiter({
      limit: ACTIVATION_GUESSES_PER_ADDRESS,
      windowSeconds: WINDOW_SECONDS,
      ...(store ? { store, name: 'auth.activation-per-address' } : {}),
    });
  }

  /** Throws 429 with Retry-After while the address has used up its wrong links. */
  assertAllowed(ip: string | undefined, now: Date): void {
    const wait = this.perAddress.retryAfterSeconds(clientAddressKey(ip), now.getTime());
    if (wait > 0)
      throw new DomainError(
        'too_many_attempts',
        'AUTH-activation-too-many-attempts',
        `Too many invalid activation links from this address: try again in ${wait} s`,
        { retryAfterSeconds: wait },
      );
  }

  failed(ip: string | undefined, now: Date): void {
    this.perAddress.record(clientAddressKey(ip), now.getTime());
  }
}
