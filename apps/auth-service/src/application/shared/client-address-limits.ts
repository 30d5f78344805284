import { DomainError } from '@accounts/event-sourcing';
import {
  clientAddressKey,
  LIMITER_STORE,
  type LimiterStore,
  SlidingWindowLimiter,
} from '@accounts/security';
import { currentRequestContext, SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { signInFailed } from '../../domain';
import type { AuthConfig } from '../../config';

/**
 * Budgets per client address (the request's address, TRUST_PROXY honoured; IPv6 by /64), across
 * accounts: what stops one address spraying passwords or codes over many accounts, which the
 * per-account guard alone cannot see. Counted in the service's LIMITER_STORE, so the worker
 * processes and replicas of auth-service share one budget per address (this process's memory only
 * when no store is provided).
 */
@Injectable()
export class ClientAddressLimits {
  private readonly signInFailures: SlidingWindowLimiter;
  private readonly codeFailures: SlidingWindowLimiter;
  private readonly codeSends: SlidingWindowLimiter;

  constructor(
    @Inject(SERVICE_CONFIG) config: AuthConfig,
    @Optional() @Inject(LIMITER_STORE) store?: LimiterStore,
  ) {
    const windowSeconds = config.ADDRESS_LIMIT_WINDOW_SECONDS;
    const shared = (name: string) => (store ? { store, name } : {});
    this.signInFailures = new SlidingWindowLimiter({
      limit: config.SIGN_IN_FAILURES_PER_ADDRESS,
      windowSeconds,
      ...shared('auth.sign-in-failures'),
    });
    this.codeFailures = new SlidingWindowLimiter({
      limit: config.CODE_FAILURES_PER_ADDRESS,
      windowSeconds,
      ...shared('auth.code-failures'),
    });
    this.codeSends = new SlidingWindowLimiter({
      limit: config.CODE_SENDS_PER_ADDRESS,
      windowSeconds,
      ...shared('auth.code-sends'),
    });
  }

  /** The key of the address of the request being handled. */
  address(): string {
    return clientAddressKey(currentRequestContext()?.ip);
  }

  /** Before any password work: 429 with the sign-in answer once the address used its budget. */
  assertSignInAllowed(address: string, now: Date): void {
    const wait = this.signInFailures.retryAfterSeconds(address, now.getTime());
    if (wait > 0) throw signInFailed(wait);
  }

  signInFailed(address: string, now: Date): void {
    this.signInFailures.record(address, now.getTime());
  }

  assertCodeAllowed(address: string, now: Date): void {
    const wait = this.codeFailures.retryAfterSeconds(address, now.getTime());
    if (wait > 0)
      throw new DomainError(
        'too_many_attempts',
        'AUTH-address-code-limit',
        'Too many wrong codes from your network: try again later',
        {
          retryAfterSeconds: wait,
        },
      );
  }

  codeFailed(address: string, now: Date): void {
    this.codeFailures.record(address, now.getTime());
  }

  /** Counts a code about to be sent; 429 (nothing sent) once the address used its budget. */
  takeCodeSend(address: string, now: Date): void {
    const wait = this.codeSends.take(address, now.getTime());
    if (wait > 0)
      throw new DomainError(
        'too_many_attempts',
        'AUTH-address-send-limit',
        'Too many codes asked for from your network: try again later',
        {
          retryAfterSeconds: wait,
        },
      );
  }
}
