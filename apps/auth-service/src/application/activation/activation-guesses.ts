import { LIMITER_STORE, type LimiterStore, WrongTokenLimiter } from '@accounts/security';
import { Inject, Injectable, Optional } from '@nestjs/common';

/** Wrong activation links allowed per client address in any 15 minutes. */
export const ACTIVATION_GUESSES_PER_ADDRESS = 20;

/**
 * Wrong activation tokens per client address, on the service's shared limiter store. There is no
 * per-account count: an unknown token names no account.
 */
@Injectable()
export class ActivationGuesses {
  private readonly limiter: WrongTokenLimiter;

  constructor(@Optional() @Inject(LIMITER_STORE) store?: LimiterStore) {
    this.limiter = new WrongTokenLimiter(
      {
        name: 'auth.activation',
        windowSeconds: 15 * 60,
        perAddress: ACTIVATION_GUESSES_PER_ADDRESS,
        code: 'AUTH-activation-too-many-attempts',
        tooMany: 'Too many invalid activation links from this address',
      },
      store,
    );
  }

  /** Throws 429 with Retry-After while the address has used up its wrong links. */
  assertAllowed(ip: string | undefined, now: Date): void {
    this.limiter.assertAllowed({ ip }, now.getTime());
  }

  failed(ip: string | undefined, now: Date): void {
    this.limiter.failed({ ip }, now.getTime());
  }
}
