import { DomainError } from '@accounts/event-sourcing';
import {
  clientAddressKey,
  LIMITER_STORE,
  type LimiterStore,
  SlidingWindowLimiter,
} from '@accounts/security';
import { SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { AuthConfig } from '../../config';

// The rolling window of the reset throttles (libs/security SlidingWindowLimiter, seconds).
const THROTTLE_WINDOW_SECONDS = 15 * 60;
/** Links tried per account in any 15 minutes, from any number of addresses. */
const CONFIRMS_PER_ACCOUNT = 10;

const tooMany = (retryAfterSeconds: number) =>
  new DomainError(
    'too_many_attempts',
    'AUTH-password-reset-throttled',
    'Too many password reset attempts: try again later',
    { retryAfterSeconds },
  );

/**
 * Every reset request and every link tried counts (not only the wrong ones): per client address for
 * both, per account for the links. Counted on the service's shared limiter store when there is one.
 */
@Injectable()
export class PasswordResetThrottles {
  private readonly requestsPerAddress: SlidingWindowLimiter;
  private readonly confirmsPerAddress: SlidingWindowLimiter;
  private readonly confirmsPerAccount: SlidingWindowLimiter;

  constructor(
    @Inject(SERVICE_CONFIG) config: AuthConfig,
    // Shared by the service's processes and replicas (this process's memory when not provided).
    @Optional() @Inject(LIMITER_STORE) limiterStore?: LimiterStore,
  ) {
    const shared = (name: string) => (limiterStore ? { store: limiterStore, name } : {});
    this.requestsPerAddress = new SlidingWindowLimiter({
      limit: config.PASSWORD_RESET_REQUESTS_PER_IP,
      windowSeconds: THROTTLE_WINDOW_SECONDS,
      ...shared('auth.reset-requests'),
    });
    this.confirmsPerAddress = new SlidingWindowLimiter({
      limit: config.PASSWORD_RESET_CONFIRMS_PER_IP,
      windowSeconds: THROTTLE_WINDOW_SECONDS,
      ...shared('auth.reset-confirms'),
    });
    this.confirmsPerAccount = new SlidingWindowLimiter({
      limit: CONFIRMS_PER_ACCOUNT,
      windowSeconds: THROTTLE_WINDOW_SECONDS,
      ...shared('auth.reset-confirms-per-account'),
    });
  }

  /** Counts a reset request from this address; 429 with Retry-After past the limit. */
  takeRequest(ip: string | undefined, now: Date): void {
    const retryAfter = this.requestsPerAddress.take(clientAddressKey(ip), now.getTime());
    if (retryAfter) throw tooMany(retryAfter);
  }

  /** Counts a link tried from this address. */
  takeConfirm(ip: string | undefined, now: Date): void {
    const retryAfter = this.confirmsPerAddress.take(clientAddressKey(ip), now.getTime());
    if (retryAfter) throw tooMany(retryAfter);
  }

  /** Counts a link tried on this account. */
  takeConfirmOn(accountId: string, now: Date): void {
    const retryAfter = this.confirmsPerAccount.take(accountId, now.getTime());
    if (retryAfter) throw tooMany(retryAfter);
  }
}
