import { LIMITER_STORE, type LimiterStore } from '@accounts/security';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { AddressGuesses } from '../address-guesses';

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
export class RefreshGuesses extends AddressGuesses {
  constructor(@Optional() @Inject(LIMITER_STORE) store?: LimiterStore) {
    super(
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
}
