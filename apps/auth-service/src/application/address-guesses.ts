import { type LimiterStore, WrongTokenLimiter, type WrongTokenLimits } from '@accounts/security';

/**
 * Wrong single-use tokens counted per client address only (the token names no account, or counting
 * per account would let a guesser lock its owner out), on the service's shared limiter store.
 */
export abstract class AddressGuesses {
  private readonly limiter: WrongTokenLimiter;

  protected constructor(limits: Omit<WrongTokenLimits, 'perAccount'>, store?: LimiterStore) {
    this.limiter = new WrongTokenLimiter(limits, store);
  }

  /** Throws 429 with Retry-After while the address has used up its wrong tokens. */
  assertAllowed(ip: string | undefined, now: Date): void {
    this.limiter.assertAllowed({ ip }, now.getTime());
  }

  failed(ip: string | undefined, now: Date): void {
    this.limiter.failed({ ip }, now.getTime());
  }
}
