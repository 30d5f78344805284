import { EventEmitter } from 'node:events';
import { Pool, type PoolConfig } from 'pg';
import { EventStoreUnavailableError, InvalidEventStoreInputError } from '../errors';
import type { EventStore } from '../event-store';
import {
  createSqliteSubscription as createCatchUpSubscription,
  type SubscriptionPage,
} from '../sqlite/sqlite-subscription';
import type {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  RawRecordedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../types';
import { prepareAppend, validateCount, validateFilter, validateStreamId } from '../validation';
import { PostgresAppendBatch } from './postgres-append-batch';
import { PostgresListener } from './postgres-listener';
import { migrate } from './postgres-migrations';
import {
  type PostgresEventRow,
  type PostgresRawEventRow,
  toRawRecordedEvent,
  toRecordedEvent,
} from './postgres-rows';
import { PostgresSql } from './postgres-sql';
import { SubscriptionWakes } from './postgres-subscription-wakes';

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:5432/database?sslmode=…` (node-postgres syntax). */
  readonly connectionString: string;
  /** Schema holding the tables (created by the migration). Default `event_store`. */
  readonly schema?: string;
  /** Connections in the pool (appends use one at a time; reads share the rest). Default 10. */
  readonly poolSize?: number;
  /** How often a live subscription polls when no NOTIFY arrives (the fallback). Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Apply the migrations on first use (default true); false expects `migrate()` to have been run. */
  readonly migrate?: boolean;
}

const DEFAULT_PAGE = 1000;
const SUBSCRIPTION_PAGE = 500;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The event store on PostgreSQL: one table, appends serialised by an advisory lock (see
 * PostgresAppendBatch for why readers never skip a late commit), LISTEN/NOTIFY to wake
 * subscriptions with polling as the fallback. Safe for several service replicas on one database.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly sql: PostgresSql;
  private readonly writer: PostgresAppendBatch;
  private readonly listener: PostgresListener;
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<Subscription>();
  private readonly pollIntervalMs: number;
  private ready?: Promise<void>;
  private closed = false;

  constructor(private readonly options: PostgresEventStoreOptions) {
    const schema = options.schema ?? 'event_store';
    if (!SCHEMA_NAME.test(schema))
      throw new InvalidEventStoreInputError(
        'schema',
        'must be 1-63 lower-case letters, digits and _',
      );
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: 'accounts-event-store',
    };
    this.pool = new Pool(config);
    // An idle connection that breaks must not crash the process; the next query gets a new one.
    this.pool.on('error', () => undefined);
    this.sql = new PostgresSql(schema);
    // A commit of this process wakes its subscriptions at once, on the channels its NOTIFY uses: only
    // those whose filters may want it, as another process's commit does.
    this.writer = new PostgresAppendBatch(this.pool, this.sql, (head, channels) => {
      for (const channel of channels) this.appended.emit(channel, head);
    });
    this.listener = new PostgresListener(config);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.appended.setMaxListeners(0);
  }

  /** Applies the schema migrations now (also done on first use unless `migrate: false`). */
  async migrate(): Promise<number[]> {
    return this.guard(() => migrate(this.pool, this.sql.schema));
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision = 'any',
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expected);
    await this.open();
    return this.writer.enqueue(prepared.streamId, prepared.expected, prepared.events);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamId(streamId);
    const maxCount =
      options.maxCount === undefined ? null : validateCount('maxCount', options.maxCount, true);
    const backwards = options.direction === 'backwards';
    const from =
      options.fromRevision === undefined
        ? backwards
          ? Number.MAX_SAFE_INTEGER
          : 0
        : validateCount('fromRevision', options.fromRevision);
    await this.open();
    return this.rows(backwards ? this.sql.backwards : this.sql.forwards, [
      streamId,
      from,
      maxCount,
    ]);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = validateCount('fromPosition', options.fromPosition ?? 0);
    const maxCount = validateCount('maxCount', options.maxCount ?? DEFAULT_PAGE, true);
    validateFilter(options.filter);
    await this.open();
    const query = this.sql.readAll(from, Number.MAX_SAFE_INTEGER, maxCount, options.filter);
    return this.rows(query.text, query.values);
  }

  async readAllRaw(options: ReadAllOptions = {}): Promise<RawRecordedEvent[]> {
    const from = validateCount('fromPosition', options.fromPosition ?? 0);
    const maxCount = validateCount('maxCount', options.maxCount ?? DEFAULT_PAGE, true);
    validateFilter(options.filter);
    await this.open();
    const query = this.sql.readAll(from, Number.MAX_SAFE_INTEGER, maxCount, options.filter, true);
    const { rows } = await this.guard(() =>
      this.pool.query<PostgresRawEventRow>({
        text: query.text,
        values: query.values,
        rowMode: 'array',
      }),
    );
    return rows.map(toRawRecordedEvent);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    validateCount('fromPosition', options.fromPosition ?? 0);
    validateFilter(options.filter);
    this.assertOpen();
    // Only the NOTIFYs of commits its filter may want wake it (PostgresSql.listenChannels).
    const channels = this.sql.listenChannels(options.filter);
    this.listener.listen(channels);
    void this.listener.ensureStarted();
    // Registered for the subscription's life, not per wait: a commit signalled while it reads a page
    // is kept (SubscriptionWakes).
    const wakes = new SubscriptionWakes();
    for (const channel of channels) this.appended.on(channel, wakes.ring);
    this.listener.on(channels, wakes.ring);
    const inner = createCatchUpSubscription(
      {
        readPage: (from) => this.readPage(from, options, wakes),
        waitForAppend: (signal) => wakes.wait(signal, this.pollIntervalMs),
      },
      options,
    );
    const subscription: Subscription = {
      [Symbol.asyncIterator]: () => inner[Symbol.asyncIterator](),
      stop: async () => {
        for (const channel of channels) this.appended.off(channel, wakes.ring);
        this.listener.off(channels, wakes.ring);
        this.subscriptions.delete(subscription);
        await inner.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    await this.open();
    return this.head();
  }

  async ping(): Promise<void> {
    await this.open();
    await this.guard(() => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.closed = true;
    await this.writer.idle();
    await this.listener.close();
    await this.pool.end();
  }

  /** Migrates once, on first use; a failed attempt is retried by the next call. */
  private async open(): Promise<void> {
    this.assertOpen();
    if (this.options.migrate === false) return;
    this.ready ??= this.migrate().then(
      () => undefined,
      (error) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }

  private async head(): Promise<number> {
    const { rows } = await this.guard(() =>
      this.pool.query<[string]>({ text: this.sql.head, rowMode: 'array' }),
    );
    return Number(rows[0][0]);
  }

  private async rows(text: string, values: unknown[]): Promise<RecordedEvent[]> {
    const { rows } = await this.guard(() =>
      this.pool.query<PostgresEventRow>({ text, values, rowMode: 'array' }),
    );
    return rows.map(toRecordedEvent);
  }

  /**
   * The head first, then the page below it: every position up to a visible head is visible (appends
   * commit in position order), so a filtered scan can move its checkpoint to the head safely.
   */
  private async readPage(
    fromPosition: number,
    options: SubscribeOptions,
    wakes: SubscriptionWakes,
  ): Promise<SubscriptionPage> {
    if (this.closed) return { events: [], scannedUpTo: fromPosition };
    await this.open();
    wakes.reading();
    const head = await this.head();
    wakes.read(head);
    if (head <= fromPosition) return { events: [], scannedUpTo: fromPosition };
    const query = this.sql.readAll(fromPosition, head, SUBSCRIPTION_PAGE, options.filter);
    const events = await this.rows(query.text, query.values);
    const scannedUpTo =
      events.length === SUBSCRIPTION_PAGE ? events[events.length - 1].position : head;
    return { events, scannedUpTo: Math.max(scannedUpTo, fromPosition) };
  }

  /** Driver and server failures become the port's typed "unavailable" error. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (
        error instanceof EventStoreUnavailableError ||
        error instanceof InvalidEventStoreInputError
      )
        throw error;
      throw new EventStoreUnavailableError(`PostgreSQL: ${(error as Error).message}`, error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The event store is closed');
  }
}
