import { LIMITER_STORE, type LimiterStore, WrongTokenLimiter } from '@accounts/security';
import { Inject, Injectable, Optional } from '@nestjs/common';

/** Refresh tokens never issued allowed per client address in any 15 minutes. */
export const REFRESH_GUESSES_PER_ADDRESS = 30;

/**
 * Refresh tokens that no session issued, per client address, on the service's shared limiter store.
 * A token carries 256 random bits, so this stops scanners rather than guessers; it also bounds the
 * store reads a made-up token can cause (reuse detection reads the event its number names). No
 * per-session count: a guesser would lock the owner out. A token rotated out (reuse) and an ended
 * session are not guesses: they answer AUTH-session-ended and count nothing.
 */
@Injectable()
export class RefreshGuesses {
  private readonly limiter: WrongTokenLimiter;

  constructor(@Optional() @Inject(LIMITER_STORE) store?: LimiterStore) {
    this.limiter = new WrongTokenLimiter(
      {
        name: 'auth.refresh',
        windowSeconds: 15 * 60,
        perAddress: REFRESH_GUESSES_PER_ADDRESS,
        code: 'AUTH-refresh-too-many-attempts',
        tooMany: 'Too many invalid refresh tokens from this address',
      },
      store,
    );
  }

  /** Throws 429 with Retry-After while the address has used up its wrong tokens. */
  assertAllowed(ip: string | undefined, now: Date): void {
    this.limiter.assertAllowed({ ip }, now.getTime());
  }

  failed(ip: string | undefined, now: Date): void {
    this.limiter.failed({ ip }, now.getTime());
  }
}
