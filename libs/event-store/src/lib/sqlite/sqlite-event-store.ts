import Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors';
import type { EventStore } from '../event-store';
import { preparePrivateSqliteFile } from './private-file';
import type {
  AppendResult,
  EventFilter,
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
import { bellsOfCommit, CommitBells, type CommittedAppend } from './sqlite-commit-bell';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { SqliteQueries } from './sqlite-queries';
import { SqliteThreadCommit } from './sqlite-thread-commit';
import { toRawRecordedEvent, toRecordedEvent } from './sqlite-rows';
import { openEventsDatabase, type SqliteSynchronous } from './sqlite-schema';
import { createSqliteSubscription } from './sqlite-subscription';
import { SqliteWakes } from './sqlite-wakes';

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:' for a private in-process store. */
  readonly path: string;
  /** 'full' (default): an acknowledged append survives power loss. 'normal': survives process crashes. */
  readonly synchronous?: SqliteSynchronous;
  /** How long an append waits for another process's write lock. */
  readonly busyTimeoutMs?: number;
  /** How often a live subscription looks for appends made by other processes it was not woken for. */
  readonly pollIntervalMs?: number;
  /**
   * Where commits run: 'thread' (a writer thread owns the write connection, so the fsync does not
   * hold the event loop) or 'event-loop' (better-sqlite3's synchronous commit in this thread; the
   * only choice for ':memory:' and read-only stores). Durability is the same either way.
   */
  readonly writer?: 'thread' | 'event-loop';
  /** Opens an existing file read-only (the audit tool beside running services): appends then fail. */
  readonly readonly?: boolean;
}

const DEFAULT_PAGE = 1000;
const SUBSCRIPTION_PAGE = 500;
/**
 * Other processes' commits wake this one's subscriptions at most once per this many ms (this
 * process's own commits wake them at once): a busy writer commits every millisecond or so.
 */
const FOREIGN_WAKE_GAP_MS = 5;
/**
 * The poll while the commit bell is watched: then it only covers a commit whose bell did not ring
 * (a writer of an older version, a process killed between its commit and the ring).
 */
const POLL_WITH_BELL_MS = 250;

/** The embedded event store: one SQLite file in WAL mode, safe to share between processes. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly queries: SqliteQueries;
  private readonly writer: SqliteGroupCommit | SqliteThreadCommit;
  /** The live subscriptions' shared check: one head read per wake, a page read only where a filter matches. */
  private readonly wakes: SqliteWakes;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;
  /** Rung after each commit here; watched to wake live subscriptions at other processes' commits. */
  private readonly bells?: CommitBells;
  /** Calls this store's wake at a ring of a watched bell (several rings of one commit share it). */
  private onRing?: () => void;
  private readonly pollIntervalMs: number;
  /** False once a subscription's bells could not all be watched: the fast poll then stays. */
  private allCovered?: boolean;

  constructor(options: SqliteEventStoreOptions) {
    if (options.readonly) {
      this.db = new Database(options.path, { readonly: true, fileMustExist: true });
      this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    } else {
      if (options.path !== ':memory:') preparePrivateSqliteFile(options.path);
      this.db = new Database(options.path);
      openEventsDatabase(this.db, options.synchronous ?? 'full', options.busyTimeoutMs ?? 10_000);
    }
    this.queries = new SqliteQueries(this.db);
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.wakes = new SqliteWakes(
      {
        head: () => this.queries.headPosition(),
        headers: (from, upTo) => this.queries.headers(from, upTo),
      },
      this.pollIntervalMs,
    );
    if (options.path !== ':memory:') {
      this.bells = new CommitBells(options.path, () => {
        // A watch was lost (its file removed, an inotify error): the poll covers every commit again.
        this.allCovered = false;
        this.wakes.setPollInterval(this.pollIntervalMs);
      });
      if (!options.readonly) this.bells.openForRinging();
    }
    const onCommitted = (appends: readonly CommittedAppend[]) => {
      this.wakes.notify();
      this.bells?.ring(bellsOfCommit(appends));
    };
    this.writer =
      options.writer === 'thread' && !options.readonly && options.path !== ':memory:'
        ? new SqliteThreadCommit(
            {
              path: options.path,
              synchronous: options.synchronous ?? 'full',
              busyTimeoutMs: options.busyTimeoutMs ?? 10_000,
            },
            onCommitted,
          )
        : new SqliteGroupCommit(this.db, onCommitted, options.busyTimeoutMs ?? 10_000);
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision = 'any',
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expected);
    this.assertOpen();
    return this.writer.enqueue(prepared.streamId, prepared.expected, prepared.events);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamId(streamId);
    const maxCount =
      options.maxCount === undefined ? -1 : validateCount('maxCount', options.maxCount, true);
    this.assertOpen();
    const rows =
      options.direction === 'backwards'
        ? this.queries.backwards
            .get(maxCount)
            .all(
              streamId,
              options.fromRevision === undefined
                ? Number.MAX_SAFE_INTEGER
                : validateCount('fromRevision', options.fromRevision),
            )
        : this.queries.forwards
            .get(maxCount)
            .all(
              streamId,
              options.fromRevision === undefined
                ? 0
                : validateCount('fromRevision', options.fromRevision),
            );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllRows(options).map(toRecordedEvent);
  }

  async readAllRaw(options: ReadAllOptions = {}): Promise<RawRecordedEvent[]> {
    return this.readAllRows(options).map(toRawRecordedEvent);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    validateCount('fromPosition', options.fromPosition ?? 0);
    validateFilter(options.filter);
    this.assertOpen();
    const subscription = createSqliteSubscription(
      {
        readPage: (from) => this.readPage(from, options),
        waitForAppend: (signal, position) => this.wakes.wait(signal, position, options.filter),
      },
      options,
    );
    this.subscriptions.add(subscription);
    this.watchOtherProcesses(options.filter);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.queries.headPosition();
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.queries.headPosition();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.closed = true;
    this.wakes.releaseAll();
    await this.writer.close();
    this.bells?.close();
    this.db.close();
  }

  private readAllRows(options: ReadAllOptions) {
    const from = validateCount('fromPosition', options.fromPosition ?? 0);
    const maxCount = validateCount('maxCount', options.maxCount ?? DEFAULT_PAGE, true);
    validateFilter(options.filter);
    this.assertOpen();
    return this.queries.readAll(from, Number.MAX_SAFE_INTEGER, maxCount, options.filter);
  }

  /** One consistent snapshot: the head first, then the page below it, so filtered scans never repeat. */
  private readPage(fromPosition: number, options: SubscribeOptions) {
    if (this.closed) return { events: [], scannedUpTo: fromPosition };
    const head = this.queries.headPosition();
    const rows = this.queries.readAll(fromPosition, head, SUBSCRIPTION_PAGE, options.filter);
    const scannedUpTo = rows.length === SUBSCRIPTION_PAGE ? rows[rows.length - 1][0] : head;
    return { events: rows.map(toRecordedEvent), scannedUpTo: Math.max(scannedUpTo, fromPosition) };
  }

  /**
   * Several processes append to one file (a service's worker processes, other services): each rings
   * the bells of what it committed (sqlite-commit-bell.ts), and this store watches those of its
   * subscriptions' filters, so a foreign commit wakes the subscriptions here once, when it can be
   * read, and only when it may concern one of them.
   */
  private watchOtherProcesses(filter: EventFilter | undefined): void {
    if (!this.bells) return;
    if (!this.onRing) {
      // The first ring after a quiet gap wakes at once; the rings within the gap share one wake at
      // its end, milliseconds after them. A ring while a check is already pending needs nothing:
      // that check reads the head after the ringing commit was published.
      let lastWake = -Infinity;
      let trailing: NodeJS.Timeout | undefined;
      const wakeNow = () => {
        lastWake = performance.now();
        this.wakes.notify();
      };
      this.onRing = () => {
        if (trailing || this.wakes.checkPending) return;
        const wait = lastWake + FOREIGN_WAKE_GAP_MS - performance.now();
        if (wait <= 0) return wakeNow();
        trailing = setTimeout(() => {
          trailing = undefined;
          wakeNow();
        }, wait);
        trailing.unref();
      };
    }
    const covered = this.bells.watch(filter, this.onRing) && this.allCovered !== false;
    this.allCovered = covered;
    // The poll only covers a commit whose bell did not ring, unless some bell could not be watched.
    this.wakes.setPollInterval(
      covered ? Math.max(this.pollIntervalMs, POLL_WITH_BELL_MS) : this.pollIntervalMs,
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The event store is closed');
  }
}
