import type { RecordedEvent } from '@accounts/event-store';
import { applyBatch, type BatchTarget } from './apply-batch';
import { readCheckpoint } from './checkpoint';
import type { EventSource, SourceProgress, SourceSubscription } from './event-source';
import { loadFailureCounts, recordFailure } from './failed-events';
import type { Projection } from './projection';
import type { ProjectionFailure, ProjectionLogger } from './projection-logger';
import { createProjectionTx } from './projection-tx-impl';
import { parseRawEvent, RAW_PAGE, type RawPageSource, rawPagesOf } from './raw-catch-up';
import type { ReadModelDatabase } from './read-model-database';
import { IDLE, idleAfter, unlessIdle } from './signal';
import { type Copy, physicalTables } from './table-names';

export interface WorkerSettings {
  /** A transaction closes after this many events... */
  readonly batchSize: number;
  /** ...or this many milliseconds, or as soon as the source has nothing ready. */
  readonly batchMs: number;
  /**
   * While the source has not caught up (a rebuild, a restart far behind): bigger transactions, not cut
   * when the next page is a moment late. Fewer commits is most of a rebuild's speed.
   */
  readonly catchUpBatchSize: number;
  /** Catching up from raw pages of the store: events applied per transaction. */
  readonly rawCatchUpBatchSize: number;
  readonly catchUpBatchMs: number;
  readonly maxAttempts: number;
  readonly retryDelayMs: number;
  /** Pause before resubscribing after the source or the database failed. */
  readonly restartDelayMs: number;
  readonly logger: ProjectionLogger;
  readonly onFailure?: (failure: ProjectionFailure) => void;
  /** After every committed batch. */
  readonly onCommitted: () => void;
}

/** Feeds one copy of one projection from the source, batch by batch, from its checkpoint. */
export class ProjectionWorker {
  position: number;
  /** Positions up to which the store holds no event of the filter beyond `position` (see reached). */
  private skippedTo = 0;
  /**
   * The position of an event of the filter a check found and this copy has not applied yet: until the
   * copy passes it, a wait for it or anything later is "not yet" without another scan.
   */
  private pendingAt?: number;
  /** The position of the last event the subscription handed over (in the batch, or committed). */
  private received = 0;
  /** The first position of the events being committed now. */
  private flushingFrom?: number;
  caughtUp = false;
  lastError?: unknown;
  private sourceCaughtUp = false;
  private stopping = false;
  private batch: RecordedEvent[] = [];
  private flushing = false;
  private subscription?: SourceSubscription;
  /** What the subscriptions before this one had reached (SourceProgress); what is applied stays applied. */
  private progressBefore = new Map<string, number>();
  private done?: Promise<void>;
  private readonly target: BatchTarget;
  private readonly failures: Map<string, number>;
  private readonly toPark = new Set<string>();
  /** Set while the loop waits (for the source or a retry delay); one waiter at a time, so nothing piles up. */
  private wakeOnStop?: () => void;
  /** Set while the subscription catches up: gives the read models' catch-up settings back (beginCatchUp). */
  private endCatchUp?: () => void;
  private readonly caughtUpOnce: Promise<void>;
  private resolveCaughtUp!: () => void;

  constructor(
    private readonly database: ReadModelDatabase,
    private readonly source: EventSource,
    readonly projection: Projection,
    readonly copy: Copy,
    private readonly settings: WorkerSettings,
  ) {
    this.position = readCheckpoint(database, copy);
    this.failures = loadFailureCounts(database, copy);
    const tx = createProjectionTx(database, physicalTables(projection, copy));
    this.target = {
      database,
      projection,
      copy,
      tx,
      failures: this.failures,
      toPark: this.toPark,
    };
    this.caughtUpOnce = new Promise((resolve) => (this.resolveCaughtUp = resolve));
  }

  start(): void {
    this.done ??= this.run();
  }

  /** Finishes the batch in hand (its checkpoint stays consistent) and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeOnStop?.();
    await this.subscription?.stop().catch(() => undefined);
    await this.done;
  }

  /**
   * Per part of a source that is not one ordered log (Kafka partitions): how far this copy is, over
   * all its subscriptions; undefined for a store.
   */
  progress(): SourceProgress | undefined {
    this.keepProgress(this.subscription);
    return this.progressBefore.size > 0 ? new Map(this.progressBefore) : undefined;
  }

  /** True when this copy stands, in every part, at or past `progress` (another copy's, same source). */
  holds(progress: SourceProgress): boolean {
    this.keepProgress(this.subscription);
    for (const [part, offset] of progress)
      if ((this.progressBefore.get(part) ?? -1) < offset) return false;
    return true;
  }

  /** Resolves once everything that existed at subscription time has been committed. */
  whenCaughtUp(): Promise<void> {
    return this.caughtUpOnce;
  }

  /**
   * True when every event of the filter up to `position` is in this copy. `ownEvent`: the event at
   * `position` is one of the filter's (the caller appended it to a stream the filter takes), so no
   * scan can find the filter's next event beyond it: not reached until it is committed.
   */
  async reached(position: number, ownEvent = false): Promise<boolean> {
    if (this.position >= position || this.skippedTo >= position) return true;
    // Every event of the filter up to `position` is in hand: reached once none of them waits to be committed.
    if (this.received >= position) {
      const first = this.flushingFrom ?? this.batch[0]?.position;
      return first === undefined || first > position;
    }
    if (ownEvent) return false;
    if (
      this.pendingAt !== undefined &&
      this.position < this.pendingAt &&
      position >= this.pendingAt
    )
      return false;
    if (!this.source.readAll || !this.source.headPosition) return false;
    // Only a position that exists can be "reached" by skipping: later positions are not assigned yet.
    const head = await this.source.headPosition();
    if (head < position) return false;
    // A model whose filter rarely matches keeps its checkpoint at its last match: scanning from there
    // on every check would read most of the store. What a scan found empty stays known.
    const [next] = await this.source.readAll({
      fromPosition: Math.max(this.position, this.skippedTo),
      maxCount: 1,
      filter: this.projection.filter,
    });
    this.skippedTo = Math.max(this.skippedTo, next ? next.position - 1 : head);
    if (next && next.position <= position) this.pendingAt = next.position;
    return !next || next.position > position;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.consume();
        this.lastError = undefined;
      } catch (error) {
        this.lastError = error;
        this.settings.logger.error(
          { projection: this.projection.name, err: error },
          'projection stopped on an error; resubscribing',
        );
      }
      if (!this.stopping) await this.pause(this.settings.restartDelayMs);
    }
  }

  private async consume(): Promise<void> {
    this.batch = [];
    // A new subscription hands over again what follows the checkpoint.
    this.received = this.position;
    this.sourceCaughtUp = false;
    this.caughtUp = false;
    await this.catchUpFromRawPages();
    if (this.stopping) return;
    // Catching up: the batch closes when full or at its deadline, not whenever the next page is a moment late.
    let deadline: ReturnType<typeof idleAfter> | undefined;
    // A source without raw pages (Kafka) catches up here: the big page cache until it has.
    const endCatchUp = this.database.beginCatchUp();
    this.endCatchUp = endCatchUp;
    const subscription = this.source.subscribe({
      fromPosition: this.position,
      filter: this.projection.filter,
      onCaughtUp: () => {
        this.sourceCaughtUp = true;
        // Nothing more is coming soon: commit the last batch now rather than at its deadline.
        deadline?.fire();
        this.checkCaughtUp();
      },
    });
    this.subscription = subscription;
    const iterator = subscription[Symbol.asyncIterator]();
    let batchStarted = 0;
    const flush = async () => {
      deadline?.cancel();
      deadline = undefined;
      await this.flush();
    };
    try {
      let pending = iterator.next();
      while (!this.stopping) {
        const catchingUp =
          !this.sourceCaughtUp && this.settings.catchUpBatchSize > this.settings.batchSize;
        const size = catchingUp ? this.settings.catchUpBatchSize : this.settings.batchSize;
        const ms = catchingUp ? this.settings.catchUpBatchMs : this.settings.batchMs;
        const waiting =
          this.batch.length === 0
            ? pending
            : deadline
              ? Promise.race([pending, deadline.promise])
              : unlessIdle(pending);
        const next = await this.unlessStopped(waiting);
        if (next === STOPPED) break;
        if (next === IDLE) {
          await flush();
          continue;
        }
        if (next.done) break;
        this.batch.push(next.value);
        this.received = next.value.position;
        if (this.batch.length === 1) {
          batchStarted = Date.now();
          if (catchingUp) deadline = idleAfter(ms);
        }
        if (this.batch.length >= size || Date.now() - batchStarted >= ms) await flush();
        pending = iterator.next();
      }
      await flush();
    } finally {
      endCatchUp();
      deadline?.cancel();
      this.subscription = undefined;
      await subscription.stop().catch(() => undefined);
      this.keepProgress(subscription);
    }
  }

  private async flush(): Promise<void> {
    const events = this.batch;
    this.batch = [];
    this.flushing = true;
    this.flushingFrom = events[0]?.position;
    try {
      if (events.length > 0) await this.applyEvents(events);
      this.flushingFrom = undefined;
      // Catch-up arrives in microtasks; yield to the event loop so HTTP requests get answered between batches.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      this.flushing = false;
      this.flushingFrom = undefined;
      this.checkCaughtUp();
    }
  }

  /**
   * Far behind a store (a rebuild, a restart): raw pages up to the head seen now, the events the
   * projection does not accept dropped before their payload is parsed, big batches whose checkpoint
   * also covers what was skipped. No per-event subscription machinery; the subscription that follows
   * only has the tail. Sources without raw pages (Kafka) go straight to the subscription.
   */
  private async catchUpFromRawPages(): Promise<void> {
    const source = rawPagesOf(this.source, this.projection);
    if (!source) return;
    const head = await source.headPosition();
    if (head <= this.position) return;
    const release = this.database.beginCatchUp();
    try {
      await this.catchUpFrom(source, head);
    } finally {
      release();
    }
  }

  private async catchUpFrom(source: RawPageSource, head: number): Promise<void> {
    const { projection, settings } = this;
    let scanned = this.position;
    let batch: RecordedEvent[] = [];
    let batchStarted = Date.now();
    const commit = async () => {
      await this.applyEvents(batch, this.stopping ? 0 : scanned);
      batch = [];
      batchStarted = Date.now();
      // Yield to the event loop between batches, as the subscription path does.
      await new Promise((resolve) => setImmediate(resolve));
    };
    for (let complete = false; !complete && !this.stopping; ) {
      const page = await source.readAllRaw({
        fromPosition: scanned,
        maxCount: RAW_PAGE,
        filter: projection.filter,
      });
      // A short page, or one reaching past the head, is the last one to read here.
      complete = page.length < RAW_PAGE;
      for (const raw of page) {
        if (raw.position > head) {
          complete = true;
          break;
        }
        scanned = raw.position;
        if (projection.accepts && !projection.accepts(raw)) continue;
        batch.push(parseRawEvent(raw));
        if (batch.length >= settings.rawCatchUpBatchSize) await commit();
        if (this.stopping) break;
      }
      if (Date.now() - batchStarted >= settings.catchUpBatchMs) await commit();
    }
    // Stopping (maybe in a failing event's retry pause): commit what is in hand, but the checkpoint
    // only moves past skipped events when everything before them is known to be applied.
    await this.applyEvents(batch, this.stopping ? 0 : scanned);
  }

  /** On a failing event: count the failure, commit the events before it alone, then retry it or park it. */
  private async applyEvents(events: readonly RecordedEvent[], throughPosition = 0): Promise<void> {
    if (events.length === 0 && throughPosition <= this.position) return;
    let rest = events;
    for (;;) {
      const outcome = applyBatch(this.target, rest, throughPosition);
      if (outcome.ok) return this.committed(outcome.position, rest);
      const parked = this.countFailure(rest[outcome.index], outcome.error);
      await this.applyEvents(rest.slice(0, outcome.index));
      if (!parked) {
        await this.pause(this.settings.retryDelayMs);
        if (this.stopping) return;
      }
      rest = rest.slice(outcome.index);
    }
  }

  private countFailure(event: RecordedEvent, error: unknown): boolean {
    const attempts = recordFailure(this.database, this.copy, event, error);
    this.failures.set(event.eventId, attempts);
    const parked = attempts >= this.settings.maxAttempts;
    if (parked) this.toPark.add(event.eventId);
    this.settings.logger.warn(
      {
        projection: this.projection.name,
        eventId: event.eventId,
        type: event.type,
        attempts,
        err: error,
      },
      parked ? 'projection parked a failing event' : 'projection event failed; retrying',
    );
    const { name: projection, generation } = this.copy;
    this.settings.onFailure?.({
      projection,
      generation,
      event,
      error,
      attempts,
      parked,
    });
    return parked;
  }

  private async committed(position: number, events: readonly RecordedEvent[]): Promise<void> {
    this.position = position;
    for (const event of events) {
      this.failures.delete(event.eventId);
      this.toPark.delete(event.eventId);
    }
    this.settings.onCommitted();
    await this.subscription?.acknowledge?.(events);
  }

  private keepProgress(subscription: SourceSubscription | undefined): void {
    const progress = subscription?.progress?.();
    if (!progress) return;
    for (const [part, offset] of progress)
      this.progressBefore.set(part, Math.max(offset, this.progressBefore.get(part) ?? -1));
  }

  private checkCaughtUp(): void {
    if (!this.sourceCaughtUp || this.flushing || this.batch.length > 0) return;
    this.caughtUp = true;
    this.endCatchUp?.();
    this.endCatchUp = undefined;
    this.resolveCaughtUp();
  }

  private unlessStopped<T>(promise: Promise<T>): Promise<T | typeof STOPPED> {
    if (this.stopping) return Promise.resolve(STOPPED);
    return new Promise((resolve, reject) => {
      const wake = () => resolve(STOPPED);
      const settle =
        <V>(then: (value: V) => void) =>
        (value: V) => {
          if (this.wakeOnStop === wake) this.wakeOnStop = undefined;
          then(value);
        };
      this.wakeOnStop = wake;
      promise.then(settle(resolve), settle(reject));
    });
  }

  private async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await this.unlessStopped(new Promise((resolve) => (timer = setTimeout(resolve, ms))));
    clearTimeout(timer);
  }
}

const STOPPED = Symbol('stopped');
