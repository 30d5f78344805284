import { AuthenticationEventSchemaVersions } from '@accounts/contracts';
import { type RecordedEvent, SqliteEventStore, type SubscribeOptions } from '@accounts/event-store';
import { toNewEvent } from '@accounts/event-sourcing';
import {
  type EventSource,
  ProjectionRunner,
  ReadModelDatabase,
  type SourceSubscription,
} from '@accounts/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noticeQueueProjection } from './notice-queue.projection';

/** At-least-once like Kafka: every stored event delivered twice, then waits. */
function deliveringTwice(store: SqliteEventStore): EventSource {
  return {
    headPosition: () => store.headPosition(),
    subscribe(options: SubscribeOptions): SourceSubscription {
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      async function* deliver(): AsyncGenerator<RecordedEvent> {
        for (const event of await store.readAll({
          fromPosition: options.fromPosition,
          filter: options.filter,
          maxCount: 10_000,
        })) {
          yield event;
          yield event;
        }
        options.onCaughtUp?.();
        await stopped;
      }
      const iterator = deliver();
      return {
        [Symbol.asyncIterator]: () => iterator,
        stop: async () => stop(),
      };
    },
  };
}

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0 Safari/537.36';

describe('notice queue (projection of the notices reactor)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let database: ReadModelDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'notice-queue-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    database = new ReadModelDatabase({ path: join(dir, 'read.sqlite') });
  });
  afterEach(async () => {
    database.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const metadata = {
    correlationId: 'c',
    causationId: 'c',
    actor: { kind: 'user' as const, accountId: 'acc-1' },
  };
  const append = (streamId: string, type: string, data: object) =>
    store.append(streamId, [
      toNewEvent({ type, data } as never, metadata, AuthenticationEventSchemaVersions as never),
    ]);
  const sessionStarted = (sessionId: string, userAgent: string, ip: string) =>
    append(`session-${sessionId}`, 'SessionStarted', {
      sessionId,
      accountId: 'acc-1',
      orgId: 'org-1',
      signinId: `signin-of-${sessionId}`,
      refreshTokenSha256: 'ab'.repeat(32),
      amr: ['pwd'],
      ip,
      userAgent,
      idleTimeoutSeconds: 1800,
      startedAt: new Date().toISOString(),
      absoluteExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });

  async function queued(): Promise<{ message: string; data: string }[]> {
    const runner = new ProjectionRunner({
      database,
      source: deliveringTwice(store),
      projections: [noticeQueueProjection],
      batchMs: 5,
    });
    await runner.start();
    await runner.waitForPosition(await store.headPosition(), 5000);
    await runner.stop();
    return database.all('SELECT message, data FROM notice_queue ORDER BY position');
  }

  it('queues each event once although it is delivered twice', async () => {
    await append('authenticator-acc-1', 'PasswordChanged', {
      accountId: 'acc-1',
      passwordHash: '$argon2id$x',
      endOtherSessions: false,
    });
    await append('authenticator-acc-1', 'AuthenticatorReset', {
      accountId: 'acc-1',
      by: 'admin-1',
      reason: 'lost phone',
    });
    expect(await queued()).toEqual([
      { message: 'password-changed', data: '{}' },
      {
        message: 'authenticator-reset',
        data: JSON.stringify({ reason: 'lost phone' }),
      },
    ]);
  });

  it('tells of a sign-in from a computer not seen before, not of the first sign-in ever or a known computer', async () => {
    await sessionStarted('s1', FIREFOX, '192.0.2.1');
    await sessionStarted('s2', FIREFOX, '192.0.2.1');
    await sessionStarted('s3', CHROME, '203.0.113.9');
    const rows = await queued();
    expect(rows).toHaveLength(1);
    expect(rows[0].message).toBe('new-sign-in');
    expect(JSON.parse(rows[0].data)).toEqual({
      ip: '203.0.113.9',
      browser: 'Chrome on Windows',
      at: expect.any(String),
    });
  });

  it('keeps no secret: a reset link is queued with its id and expiry only', async () => {
    await append('authenticator-acc-1', 'PasswordResetRequested', {
      accountId: 'acc-1',
      resetId: 'r-1',
      tokenSha256: 'f'.repeat(64),
      requestedAt: new Date().toISOString(),
      expiresAt: new Date().toISOString(),
    });
    const [row] = await queued();
    expect(row.message).toBe('password-reset-link');
    expect(row.data).not.toContain('f'.repeat(64));
  });
});
