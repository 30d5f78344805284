import { BackoffLimiter } from '../backoff-limiter';
import { SlidingWindowLimiter } from '../sliding-window-limiter';
import type { LimiterStore } from '../stores/limiter-store';

/**
 * What every LimiterStore adapter must do; the in-memory, SQLite and PostgreSQL specs each run it.
 * `open` gives a fresh, empty store; a second call on the same `shared` name opens the same
 * counters again (another process's view), where the adapter can share.
 */
export function describeLimiterStoreContract(
  adapter: string,
  open: (shared?: string) => Promise<LimiterStore> | LimiterStore,
  options: { readonly shares: boolean } = { shares: true },
): void {
  describe(`LimiterStore contract: ${adapter}`, () => {
    const opened: LimiterStore[] = [];
    let store: LimiterStore;
    const openStore = async (shared?: string) => {
      const s = await open(shared);
      opened.push(s);
      return s;
    };
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(() => {
      for (const s of opened.splice(0)) s.close();
    });

    const t0 = 1_700_000_000_000;

    it('knows nothing of a key it was never told about', () => {
      expect(store.get('nobody', t0)).toBeUndefined();
    });

    it('keeps the state an update wrote, until its expiry', () => {
      store.update('k', t0, () => ({
        state: { n: 1, at: [t0, t0 + 1] },
        expiresAtMs: t0 + 1_000,
      }));
      expect(store.get('k', t0 + 999)).toEqual({ n: 1, at: [t0, t0 + 1] });
      expect(store.get('k', t0 + 1_000)).toBeUndefined();
      // An update after the expiry starts from nothing.
      expect(
        store.update<{ n: number }>('k', t0 + 1_000, (current) => ({
          state: { n: (current?.n ?? 0) + 1 },
          expiresAtMs: t0 + 5_000,
        })),
      ).toEqual({ n: 1 });
    });

    it('gives each update the state the previous one wrote, key by key', () => {
      const increment = (key: string) =>
        store.update<{ n: number }>(key, t0, (current) => ({
          state: { n: (current?.n ?? 0) + 1 },
          expiresAtMs: t0 + 60_000,
        }));
      for (let i = 0; i < 50; i++) increment('a');
      increment('b');
      expect([store.get('a', t0), store.get('b', t0)]).toEqual([{ n: 50 }, { n: 1 }]);
    });

    it('forgets a key when an update returns nothing, or on delete', () => {
      store.update('a', t0, () => ({ state: 1, expiresAtMs: t0 + 60_000 }));
      store.update('b', t0, () => ({ state: 2, expiresAtMs: t0 + 60_000 }));
      store.update('a', t0, () => undefined);
      store.delete('b');
      store.delete('never-there');
      expect([store.get('a', t0), store.get('b', t0)]).toEqual([undefined, undefined]);
    });

    it('leaves the state as it was when the change throws, and keeps working', () => {
      store.update('k', t0, () => ({
        state: 'before',
        expiresAtMs: t0 + 60_000,
      }));
      expect(() =>
        store.update('k', t0, () => {
          throw new Error('no');
        }),
      ).toThrow('no');
      expect(store.get('k', t0)).toBe('before');
      store.update('k', t0, () => ({
        state: 'after',
        expiresAtMs: t0 + 60_000,
      }));
      expect(store.get('k', t0)).toBe('after');
    });

    it('carries a sliding window and a back-off as the limiters use them', () => {
      const window = new SlidingWindowLimiter({
        limit: 2,
        windowSeconds: 60,
        store,
        name: 'contract',
      });
      expect([
        window.take('ip', t0),
        window.take('ip', t0 + 1_000),
        window.take('ip', t0 + 2_000),
      ]).toEqual([0, 0, 58]);
      expect(window.retryAfterSeconds('ip', t0 + 60_000)).toBe(0);
      window.clear('ip');
      expect(window.retryAfterSeconds('ip', t0 + 2_000)).toBe(0);
      const backoff = new BackoffLimiter({
        afterFailures: 2,
        maxSeconds: 900,
        store,
        name: 'contract',
      });
      backoff.recordFailure('client', t0);
      expect(backoff.retryAfterSeconds('client', t0)).toBe(0);
      backoff.recordFailure('client', t0);
      expect(backoff.retryAfterSeconds('client', t0)).toBe(1);
      backoff.recordFailure('client', t0);
      expect(backoff.retryAfterSeconds('client', t0)).toBe(2);
      expect(backoff.hasFailed('client', t0)).toBe(true);
      backoff.recordSuccess('client');
      expect(backoff.hasFailed('client', t0)).toBe(false);
    });

    if (!options.shares) {
      it("counts apart from any other store: it is one process's memory", async () => {
        const other = await openStore();
        store.update('k', t0, () => ({ state: 1, expiresAtMs: t0 + 60_000 }));
        expect(other.get('k', t0)).toBeUndefined();
      });
      return;
    }

    it('shares the counters with every other connection to the same store', async () => {
      const name = `shared-${Math.random().toString(36).slice(2)}`;
      const [one, two] = [await openStore(name), await openStore(name)];
      const limiters = [one, two].map(
        (s) =>
          new SlidingWindowLimiter({
            limit: 5,
            windowSeconds: 60,
            store: s,
            name: 'contract',
          }),
      );
      const answers = Array.from({ length: 10 }, (_, i) => limiters[i % 2].take('ip', t0 + i));
      expect(answers.filter((wait) => wait === 0)).toHaveLength(5);
      expect(two.get('window:contract:ip', t0 + 10)).toEqual({
        at: [t0, t0 + 1, t0 + 2, t0 + 3, t0 + 4],
      });
    });
  });
}
