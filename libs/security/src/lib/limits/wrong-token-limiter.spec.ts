import { DomainError } from '@accounts/event-sourcing';
import { MemoryLimiterStore } from './stores/memory-limiter-store';
import { WrongTokenLimiter } from './wrong-token-limiter';

const limits = {
  name: 'test.links',
  windowSeconds: 60,
  perAddress: 3,
  perAccount: 2,
  code: 'TEST-links-too-many-attempts',
  tooMany: 'Too many wrong links',
};

function refusal(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('WrongTokenLimiter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('refuses an address after its wrong tokens, with the code, a wait and Retry-After seconds', () => {
    const limiter = new WrongTokenLimiter({ ...limits, perAccount: undefined });
    for (let i = 0; i < 3; i++) limiter.failed({ ip: '203.0.113.7' }, now);
    const error = refusal(() => limiter.assertAllowed({ ip: '203.0.113.7' }, now));
    expect(error.code).toBe('TEST-links-too-many-attempts');
    expect(error.message).toBe('Too many wrong links: try again in 60 s');
    expect(error.details).toEqual({ retryAfterSeconds: 60 });
    expect(() => limiter.assertAllowed({ ip: '203.0.113.8' }, now)).not.toThrow();
    expect(() => limiter.assertAllowed({ ip: '203.0.113.7' }, now + 60_000)).not.toThrow();
  });

  it('counts per account over every address, and a right token starts the account again', () => {
    const limiter = new WrongTokenLimiter(limits, new MemoryLimiterStore());
    limiter.failed({ accountId: 'a1', ip: '203.0.113.1' }, now);
    limiter.failed({ accountId: 'a1', ip: '203.0.113.2' }, now);
    expect(() => limiter.assertAllowed({ accountId: 'a1', ip: '203.0.113.3' }, now)).toThrow(
      DomainError,
    );
    expect(() => limiter.assertAllowed({ accountId: 'a2', ip: '203.0.113.3' }, now)).not.toThrow();
    limiter.succeeded('a1');
    expect(() => limiter.assertAllowed({ accountId: 'a1', ip: '203.0.113.3' }, now)).not.toThrow();
  });
});
