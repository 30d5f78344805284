import { FallbackLimiterStore, SlidingWindowLimiter, SqliteLimiterStore } from '@accounts/security';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLimiterStore, LimiterStoreHost } from './limiter-store.provider';

describe('the limiter store a service gets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'limiter-provider-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const quiet = () => undefined;

  it('embedded (and with EventStoreDB): DATA_DIR/<service>-limits.sqlite, shared by the processes of the host', () => {
    for (const connection of [undefined, 'esdb://localhost:2113?tls=false']) {
      const store = createLimiterStore(
        { DATA_DIR: dir, EVENTSTORE_CONNECTION_STRING: connection },
        'auth-service',
        quiet,
      );
      expect(store).toBeInstanceOf(SqliteLimiterStore);
      store.close();
    }
    expect(existsSync(join(dir, 'auth-service-limits.sqlite'))).toBe(true);
  });

  it('with a PostgreSQL event store: its database, behind the in-process fallback', () => {
    // Nothing listens on port 1: the store fails over to this process's memory and says so once.
    const warnings: string[] = [];
    const store = createLimiterStore(
      {
        DATA_DIR: dir,
        EVENTSTORE_CONNECTION_STRING: 'postgres://nobody@127.0.0.1:1/none',
      },
      'credentials-service',
      (message) => warnings.push(message),
    );
    expect(store).toBeInstanceOf(FallbackLimiterStore);
    store.update('k', 0, () => ({ state: 1, expiresAtMs: 10 }));
    expect(store.get('k', 0)).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Limiter store unavailable: .*counting in this process meanwhile$/,
    );
    store.close();
  });

  it('opens nothing until a limiter uses it', () => {
    const host = new LimiterStoreHost({ DATA_DIR: join(dir, 'unused') }, 'profile-service');
    host.onApplicationShutdown();
    expect(existsSync(join(dir, 'unused', 'profile-service-limits.sqlite'))).toBe(false);
  });

  it('opens when a limiter is built on it, before any request', () => {
    const host = new LimiterStoreHost({ DATA_DIR: join(dir, 'used') }, 'auth-service');
    new SlidingWindowLimiter({
      limit: 1,
      windowSeconds: 1,
      store: host,
      name: 'x',
    });
    expect(existsSync(join(dir, 'used', 'auth-service-limits.sqlite'))).toBe(true);
    host.onApplicationShutdown();
  });
});
