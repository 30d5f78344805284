import { BackoffLimiter, type LimiterStore } from '@accounts/security';

export interface TokenRequestLimitSettings {
  /** Failures in a row, for one clientId from one address (and for one clientId overall), before the back-off. */
  readonly afterFailures: number;
  readonly maxSeconds: number;
  /** Failures from one client address, whatever the clientIds, before the address is backed off. */
  readonly addressAfterFailures: number;
  /** A clientId or address whose last failure is older than this starts again from zero. */
  readonly forgetAfterMs: number;
  readonly maxTracked?: number;
  /** Shared by the service's processes and replicas (LIMITER_STORE); absent: this process's memory. */
  readonly store?: LimiterStore;
}

/**
 * Guessing limits of POST /oauth/token, designed so that someone who does not know a secret
 * cannot lock out the one who does:
 * - per clientId AND client address: 5 wrong secrets back off that pair only (1 s, doubling to 15 min);
 *   the same clientId from an address without failures is still checked, so its owner gets in;
 * - per clientId (the slow-down that stays): after 5 failures from anywhere, every address that has
 *   failed for this clientId waits the doubling back-off too, so many addresses do not add up to more guesses;
 * - per client address: 20 failures, whatever the clientIds (spraying random ids), back off the address.
 * Counted in the store (shared by every process and replica of the service), so N of them allow
 * what one would; unknown clientIds are tracked like known ones.
 */
export class TokenRequestLimits {
  private readonly pairs: BackoffLimiter;
  private readonly clients: BackoffLimiter;
  private readonly addresses: BackoffLimiter;

  constructor(settings: TokenRequestLimitSettings) {
    const { afterFailures, maxSeconds, maxTracked, forgetAfterMs, store } = settings;
    const shared = (name: string) => (store ? { store, name } : {});
    this.pairs = new BackoffLimiter({
      afterFailures,
      maxSeconds,
      maxTracked,
      ...shared('oauth.client-address'),
    });
    this.clients = new BackoffLimiter({
      afterFailures,
      maxSeconds,
      maxTracked,
      forgetAfterMs,
      ...shared('oauth.client'),
    });
    this.addresses = new BackoffLimiter({
      afterFailures: settings.addressAfterFailures,
      maxSeconds,
      maxTracked,
      forgetAfterMs,
      ...shared('oauth.address'),
    });
  }

  /** Seconds to wait before this request is even checked, or 0. `clientId` undefined: not worth tracking. */
  retryAfterSeconds(clientId: string | undefined, address: string, nowMs: number): number {
    return this.check(clientId, address, nowMs).retryAfterSeconds;
  }

  /**
   * retryAfterSeconds, and whether this clientId has failures on record from this address: only
   * then has a success anything to clear (recordSuccess is a write, a round trip with PostgreSQL).
   */
  check(
    clientId: string | undefined,
    address: string,
    nowMs: number,
  ): { readonly retryAfterSeconds: number; readonly pairFailed: boolean } {
    const fromAddress = this.addresses.retryAfterSeconds(address, nowMs);
    if (clientId === undefined) return { retryAfterSeconds: fromAddress, pairFailed: false };
    const pair = pairKey(clientId, address);
    // One read of the pair (a round trip with PostgreSQL); the clientId only where this address failed.
    const here = this.pairs.status(pair, nowMs);
    return {
      retryAfterSeconds: Math.max(
        fromAddress,
        here.retryAfterSeconds,
        here.failed ? this.clients.retryAfterSeconds(clientId, nowMs) : 0,
      ),
      pairFailed: here.failed,
    };
  }

  recordFailure(clientId: string | undefined, address: string, nowMs: number): void {
    this.addresses.recordFailure(address, nowMs);
    if (clientId === undefined) return;
    this.pairs.recordFailure(pairKey(clientId, address), nowMs);
    this.clients.recordFailure(clientId, nowMs);
  }

  /**
   * Clears this address's count for the clientId only: the clientId's own slow-down stays (an
   * attacker's addresses keep waiting), and so does the address's count (its other guesses still count).
   */
  recordSuccess(clientId: string, address: string): void {
    this.pairs.recordSuccess(pairKey(clientId, address));
  }
}

function pairKey(clientId: string, address: string): string {
  return `${clientId}\n${address}`;
}
