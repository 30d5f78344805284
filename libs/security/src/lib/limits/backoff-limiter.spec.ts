import { BackoffLimiter } from './backoff-limiter';

describe('BackoffLimiter: per-key back-off', () => {
  const t0 = 1_000_000;

  it('blocks after five failures in a row: 1 s, then 2 s, 4 s ... capped', () => {
    const backoff = new BackoffLimiter({ afterFailures: 5, maxSeconds: 900 });
    for (let i = 0; i < 4; i++) backoff.recordFailure('c', t0);
    expect(backoff.retryAfterSeconds('c', t0)).toBe(0);
    backoff.recordFailure('c', t0);
    expect(backoff.retryAfterSeconds('c', t0)).toBe(1);
    expect(backoff.retryAfterSeconds('c', t0 + 1000)).toBe(0);
    backoff.recordFailure('c', t0 + 1000);
    expect(backoff.retryAfterSeconds('c', t0 + 1000)).toBe(2);
    backoff.recordFailure('c', t0 + 3000);
    expect(backoff.retryAfterSeconds('c', t0 + 3000)).toBe(4);
    for (let i = 0; i < 40; i++) backoff.recordFailure('c', t0);
    expect(backoff.retryAfterSeconds('c', t0)).toBe(900);
    expect(backoff.retryAfterSeconds('other', t0)).toBe(0);
  });

  it('forgets a client after a success', () => {
    const backoff = new BackoffLimiter({ afterFailures: 1, maxSeconds: 900 });
    backoff.recordFailure('c', t0);
    backoff.recordFailure('c', t0);
    expect(backoff.retryAfterSeconds('c', t0)).toBeGreaterThan(0);
    backoff.recordSuccess('c');
    expect(backoff.retryAfterSeconds('c', t0)).toBe(0);
  });

  it('keeps at most maxTracked clients, forgetting the oldest', () => {
    const backoff = new BackoffLimiter({
      afterFailures: 1,
      maxSeconds: 60,
      maxTracked: 2,
    });
    backoff.recordFailure('a', t0);
    backoff.recordFailure('b', t0);
    backoff.recordFailure('c', t0);
    expect(backoff.retryAfterSeconds('a', t0)).toBe(0);
    expect(backoff.retryAfterSeconds('c', t0)).toBe(1);
  });
});
