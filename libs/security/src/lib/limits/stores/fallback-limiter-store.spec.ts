import { SlidingWindowLimiter } from '../sliding-window-limiter';
import { FallbackLimiterStore } from './fallback-limiter-store';
import { type LimiterStore, LimiterStoreUnavailableError } from './limiter-store';
import { MemoryLimiterStore } from './memory-limiter-store';

/** A shared store that can be taken down and brought back. */
class Flaky implements LimiterStore {
  down = false;
  private readonly inner = new MemoryLimiterStore();
  get: LimiterStore['get'] = (key, nowMs) => this.check() ?? this.inner.get(key, nowMs);
  update: LimiterStore['update'] = (key, nowMs, change) =>
    this.check() ?? this.inner.update(key, nowMs, change);
  delete = (key: string) => this.check() ?? this.inner.delete(key);
  close = () => this.inner.close();
  private check(): undefined {
    if (this.down) throw new LimiterStoreUnavailableError('connection refused');
    return undefined;
  }
}

describe('FallbackLimiterStore', () => {
  it('keeps limiting in this process while the shared store is down, warning once a minute, and goes back to it', () => {
    const shared = new Flaky();
    const warnings: string[] = [];
    const store = new FallbackLimiterStore(shared, (message) => warnings.push(message));
    const limiter = new SlidingWindowLimiter({
      limit: 3,
      windowSeconds: 60,
      store,
      name: 'sign-in',
    });
    expect(limiter.take('ip', 0)).toBe(0);
    shared.down = true;
    // Nobody is let through unlimited meanwhile: the local count starts from zero and stops at the limit.
    expect([1, 2, 3, 4].map((i) => limiter.take('ip', i))).toEqual([0, 0, 0, 60]);
    expect(warnings).toEqual([
      'Limiter store unavailable: connection refused; counting in this process meanwhile',
    ]);
    shared.down = false;
    expect(limiter.take('ip', 5)).toBe(0);
    expect(shared.get('window:sign-in:ip', 5)).toEqual({ at: [0, 5] });
  });

  it('lets other errors through: a bug must not be hidden as an outage', () => {
    const store = new FallbackLimiterStore(new MemoryLimiterStore(), () => undefined);
    expect(() =>
      store.update('k', 0, () => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});
