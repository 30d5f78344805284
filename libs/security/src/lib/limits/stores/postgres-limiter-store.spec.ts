import { describeLimiterStoreContract } from '../contract/limiter-store.contract';
import { postgresForLimiterTests } from './testing/postgres-for-limiter-tests';
import { LimiterStoreUnavailableError } from './limiter-store';
import { PostgresLimiterStore } from './postgres-limiter-store';

const pg = postgresForLimiterTests();
let fresh = 0;

pg.describe('PostgresLimiterStore', () => {
  // Each store its own schema, unless two ask for the same shared one (two replicas).
  describeLimiterStoreContract(
    'PostgreSQL',
    (shared) =>
      new PostgresLimiterStore({
        connectionString: pg.connectionString(),
        schema: shared ?? `limits_${++fresh}`,
      }),
  );

  it('fails within its timeout, with a typed error, when the server does not answer', async () => {
    const store = new PostgresLimiterStore({
      connectionString: pg.connectionString(),
      schema: 'limits_timeout',
      timeoutMs: 300,
    });
    try {
      // The table first, as every real call does: its answer must not be the one dropped below.
      expect(store.get('k', 0)).toBeUndefined();
      const started = Date.now();
      // pg_sleep inside the change's read: the server is "too slow" for this one call.
      expect(() =>
        (store as unknown as { db: { run: (s: unknown[]) => unknown } }).db.run([
          { sql: 'SELECT pg_sleep(1)' },
        ]),
      ).toThrow(LimiterStoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(900);
      // Once the slow statement is done, its late answer is dropped and the next call gets its own.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      store.update('k', 0, () => ({ state: 'ok', expiresAtMs: 10 }));
      expect(store.get('k', 0)).toBe('ok');
    } finally {
      store.close();
    }
  });
});
