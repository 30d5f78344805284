import { LIMITER_STORE, type LimiterStore } from '@accounts/security';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { AddressGuesses } from '../address-guesses';

/** Wrong activation links allowed per client address in any 15 minutes. */
export const ACTIVATION_GUESSES_PER_ADDRESS = 20;

/**
 * Wrong activation tokens per client address, on the service's shared limiter store. There is no
 * per-account count: an unknown token names no account.
 */
@Injectable()
export class ActivationGuesses extends AddressGuesses {
  constructor(@Optional() @Inject(LIMITER_STORE) store?: LimiterStore) {
    super(
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
}
