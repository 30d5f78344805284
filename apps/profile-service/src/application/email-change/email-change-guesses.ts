import { LIMITER_STORE, type LimiterStore, WrongTokenLimiter } from '@accounts/security';
import { Inject, Injectable, Optional } from '@nestjs/common';

/** Wrong tokens allowed per account and per client address in any 15 minutes. */
export const EMAIL_CHANGE_GUESSES_PER_ACCOUNT = 5;
export const EMAIL_CHANGE_GUESSES_PER_ADDRESS = 20;

/** Wrong email-change confirmation tokens per account and per client address (shared limiter store). */
@Injectable()
export class EmailChangeGuesses extends WrongTokenLimiter {
  constructor(@Optional() @Inject(LIMITER_STORE) store?: LimiterStore) {
    super(
      {
        name: 'profile.email-change',
        windowSeconds: 15 * 60,
        perAccount: EMAIL_CHANGE_GUESSES_PER_ACCOUNT,
        perAddress: EMAIL_CHANGE_GUESSES_PER_ADDRESS,
        code: 'PROFILE-email-change-too-many-attempts',
        tooMany: 'Too many wrong confirmation links',
      },
      store,
    );
  }
}
