import type { EventMetadata } from '@accounts/contracts';
import {
  type NewEvent,
  type RecordedEvent,
  SqliteEventStore,
  type SubscribeOptions,
} from '@accounts/event-store';
import {
  defineProjection,
  type EventSource,
  type ProjectionLogger,
  type SourceSubscription,
} from '@accounts/projections';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const WORKSPACE = join(__dirname, '..', '..', '..', '..');

export const silentLogger: ProjectionLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export const tempDir = (prefix = 'messaging-'): string => mkdtempSync(join(tmpdir(), prefix));

export const openStore = (path: string): SqliteEventStore =>
  new SqliteEventStore({ path, pollIntervalMs: 10 });

export const testKafka = (brokers: string): Kafka =>
  new Kafka({ brokers: [brokers], clientId: 'messaging-test', logLevel: logLevel.NOTHING });

const metadata = (i: number): EventMetadata => ({
  correlationId: `corr-${i}`,
  causationId: `cause-${i}`,
  actor: { kind: 'user', accountId: 'admin' },
});

export const registered = (accountId: string, i = 0): NewEvent => ({
  type: 'AccountRegistered',
  data: { accountId, email: `${accountId}@example.com` },
  metadata: { ...metadata(i) },
});

export const emailChanged = (accountId: string, i: number): NewEvent => ({
  type: 'AccountEmailChanged',
  data: { accountId, email: `${accountId}+${i}@example.com` },
  metadata: { ...metadata(i) },
});

/**
 * Registers `accounts` accounts (streams `account-<id>`) and then `changes` email changes spread
 * round-robin over them, one append each, so that accounts interleave in the log. Returns the last position.
 */
export async function appendAccountEvents(
  store: SqliteEventStore,
  accounts: number,
  changes: number,
  prefix = 'acc',
): Promise<number> {
  let position = 0;
  for (let a = 0; a < accounts; a++)
    position = (await store.append(`account-${prefix}${a}`, [registered(`${prefix}${a}`, a)]))
      .position;
  for (let i = 0; i < changes; i++) {
    const id = `${prefix}${i % accounts}`;
    position = (await store.append(`account-${id}`, [emailChanged(id, i)])).position;
  }
  return position;
}

export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The account list as auth-service would keep it from profile events: `changes` counts the events
 * applied to a row, so an event applied twice shows.
 */
export function accountEmails(
  options: { version?: number; afterApply?: (event: RecordedEvent) => void } = {},
) {
  return defineProjection({
    name: 'account_emails',
    version: options.version ?? 1,
    tables: ['account_emails'],
    filter: { streamPrefixes: ['account-'] },
    idempotency: 'eventId',
    schema: (t) =>
      `CREATE TABLE ${t.account_emails} (account_id TEXT PRIMARY KEY, email TEXT NOT NULL, changes INTEGER NOT NULL)`,
    apply(event, tx) {
      const data = event.data as { accountId: string; email: string };
      if (event.type === 'AccountRegistered') {
        tx.run(
          `INSERT INTO ${tx.table.account_emails} (account_id, email, changes) VALUES (?, ?, 1)`,
          data.accountId,
          data.email,
        );
      } else if (event.type === 'AccountEmailChanged') {
        tx.run(
          `UPDATE ${tx.table.account_emails} SET email = ?, changes = changes + 1 WHERE account_id = ?`,
          data.email,
          data.accountId,
        );
      }
      options.afterApply?.(event);
    },
  });
}

/** Passes a source through, counting the events it delivers (to see where a consumer resumed). */
export function countingSource(source: EventSource): EventSource & { delivered: number } {
  const counted = {
    delivered: 0,
    endProgress: source.endProgress?.bind(source),
    subscribe(options: SubscribeOptions): SourceSubscription {
      const subscription = source.subscribe(options);
      const iterator = subscription[Symbol.asyncIterator]();
      return {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            const next = await iterator.next();
            if (!next.done) counted.delivered++;
            return next;
          },
        }),
        stop: () => subscription.stop(),
        acknowledge: (events) => subscription.acknowledge?.(events),
        ...(subscription.progress && { progress: () => subscription.progress?.() ?? new Map() }),
      };
    },
  };
  return counted;
}
