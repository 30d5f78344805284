import { readCheckpoint } from './checkpoint';
import { createCopy, swapLiveCopy } from './copies';
import type { EventSource, SourceProgress } from './event-source';
import { listParkedEvents, type ParkedEvent } from './failed-events';
import { retryParkedEvent, skipParkedEvent } from './parked-event-actions';
import { prepareCopies } from './prepare-copies';
import type { Projection } from './projection';
import { ProjectionError } from './projection-error';
import {
  consoleProjectionLogger,
  type ProjectionFailure,
  type ProjectionLogger,
} from './projection-logger';
import type { ProjectionStatus } from './projection-status';
import { ProjectionWorker, type WorkerSettings } from './projection-worker';
import type { ReadModelDatabase } from './read-model-database';
import { FollowedCopy } from './followed-copy';
import { projectsInThisProcess } from './process-role';
import { deferred, Signal, withTimeout } from './signal';
import { assertValidProjections, type Copy } from './table-names';

export interface ProjectionRunnerOptions {
  readonly database: ReadModelDatabase;
  /** The event store (embedded bus), or a Kafka source later. */
  readonly source: EventSource;
  readonly projections: readonly Projection[];
  /** Events per transaction at most (default 500). */
  readonly batchSize?: number;
  /** Milliseconds a transaction may collect events (default 50). */
  readonly batchMs?: number;
  /** While catching up (rebuilds): events per transaction (default 2000, or batchSize when that is given) and ms (default 250). */
  readonly catchUpBatchSize?: number;
  /**
   * Catching up from the store's raw pages: events applied per transaction (default 40,000, or
   * catchUpBatchSize / batchSize when given). Events the projection does not accept are not counted.
   */
  readonly rawCatchUpBatchSize?: number;
  readonly catchUpBatchMs?: number;
  /** Attempts before a failing event is parked (default 3). */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  readonly restartDelayMs?: number;
  readonly logger?: ProjectionLogger;
  readonly onFailure?: (failure: ProjectionFailure) => void;
  /**
   * Only follow the checkpoints another process writes (default: when projectsInThisProcess() is
   * false, i.e. in every worker of a WORKERS > 1 service but the projecting one).
   */
  readonly follow?: boolean;
}

/** Pauses between attempts to read where the source ends (a rebuild without a live copy), doubling. */
const END_RETRY_MS = { first: 200, most: 5000 } as const;

/** How often a follower's read-your-writes wait looks at the shared checkpoints: first soon, then less often. */
const FOLLOW_POLL_MS = [1, 2, 5, 10, 20] as const;

interface Entry {
  readonly projection: Projection;
  liveCopy: Copy;
  /** Absent while the live copy is stale (built by an older version) and a rebuild replaces it. */
  live?: ProjectionWorker;
  shadow?: ProjectionWorker;
  rebuilding?: Promise<void>;
}

/**
 * Runs a service's projections: each is fed from its checkpoint by its own subscription, can be
 * rebuilt from position 0 into a fresh copy while the live copy keeps serving, and is swapped in
 * in one transaction. One runner per read-model database.
 */
export class ProjectionRunner {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new Signal();
  private readonly settings: WorkerSettings;
  private running = false;
  private stopping = false;
  private stopped = deferred();
  /** True when another process maintains these read models (see `follow`). */
  readonly follows: boolean;
  private readonly followed = new Map<string, FollowedCopy>();

  constructor(private readonly options: ProjectionRunnerOptions) {
    assertValidProjections(options.projections);
    this.follows = options.follow ?? !projectsInThisProcess();
    this.settings = {
      batchSize: options.batchSize ?? 500,
      batchMs: options.batchMs ?? 50,
      // A runner given its own batch size keeps it while catching up too (tests that want many batches).
      catchUpBatchSize: options.catchUpBatchSize ?? options.batchSize ?? 2000,
      // Bigger still from raw pages: a rebuild's time goes to commits (each writes every B-tree page
      // its rows touched, at random keys). Measured on 1,000,000 events (bench/audit.bench.ts, the
      // account_index rebuild): 8000 applied events per commit 43 % of the raw read rate, 40,000 50 %,
      // 100,000 54 %. 40,000 parsed events held until the commit are some tens of MiB, during a
      // catch-up only.
      rawCatchUpBatchSize:
        options.rawCatchUpBatchSize ?? options.catchUpBatchSize ?? options.batchSize ?? 40_000,
      catchUpBatchMs: options.catchUpBatchMs ?? Math.max(options.batchMs ?? 50, 250),
      maxAttempts: options.maxAttempts ?? 3,
      retryDelayMs: options.retryDelayMs ?? 100,
      restartDelayMs: options.restartDelayMs ?? 1000,
      logger: options.logger ?? consoleProjectionLogger,
      onFailure: options.onFailure,
      onCommitted: () => this.changed.notify(),
    };
  }

  /** Creates missing copies, resumes every projection from its checkpoint, starts the rebuilds a version bump needs. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.stopped = deferred();
    if (this.follows) {
      for (const projection of this.options.projections)
        this.followed.set(
          projection.name,
          new FollowedCopy(this.options.database, this.options.source, projection),
        );
      return;
    }
    for (const projection of this.options.projections) {
      const { live, resumable, stale } = prepareCopies(this.options.database, projection);
      const entry: Entry = { projection, liveCopy: live };
      this.entries.set(projection.name, entry);
      if (!stale) entry.live = this.startWorker(projection, live);
      if (stale || resumable)
        void this.startRebuild(entry, resumable).catch((error) =>
          this.logRebuildError(projection, error),
        );
    }
  }

  /** Each worker finishes its batch; checkpoints stay consistent. Interrupted rebuilds resume at next start. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.stopped.resolve();
    this.followed.clear();
    const entries = [...this.entries.values()];
    await Promise.all(entries.flatMap((entry) => [entry.live?.stop(), entry.shadow?.stop()]));
    await Promise.allSettled(entries.map((entry) => entry.rebuilding));
    this.entries.clear();
    this.running = false;
  }

  /** Rebuilds from position 0 into a fresh copy while the live copy keeps serving; resolves once swapped in. */
  rebuild(name: string): Promise<void> {
    if (this.follows) return Promise.reject(notHere());
    return this.startRebuild(this.entryOf(name));
  }

  /**
   * Waits until every event up to `position` is in the live read models (read-your-writes); false on
   * timeout. `ownEvent` (with `name`): the event at `position` is one the named projection takes (the
   * caller appended it to a stream of its filter), so the checks look for it alone and never scan the
   * store for the filter's next event; given for an event the filter does not take, the wait times out.
   */
  async waitForPosition(
    position: number,
    timeoutMs = 5000,
    name?: string,
    ownEvent = false,
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const own = ownEvent && name !== undefined;
    if (this.follows) return this.waitForFollowed(position, deadline, name, own);
    const entries = name ? [this.entryOf(name)] : [...this.entries.values()];
    for (const entry of entries) {
      if (!(await this.waitUntil(() => entry.live, position, deadline, own))) return false;
    }
    return true;
  }

  /** Resolves when the rebuilds in flight now (e.g. from a version bump at start) are done. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.entries.values()].map((entry) => entry.rebuilding));
  }

  async status(): Promise<ProjectionStatus[]> {
    // An unreachable source must not break /health: the head (and so the lag) is then unknown.
    const head = await this.options.source.headPosition?.().catch(() => undefined);
    const parked = this.parkedEvents();
    if (this.follows) return this.followedStatus(head, parked);
    const statuses: ProjectionStatus[] = [];
    for (const entry of this.entries.values()) {
      const worker = entry.live;
      const position = worker?.position ?? readCheckpoint(this.options.database, entry.liveCopy);
      const reachedHead =
        head !== undefined && worker ? await worker.reached(head).catch(() => false) : false;
      const lag = head === undefined ? undefined : reachedHead ? 0 : Math.max(0, head - position);
      statuses.push({
        name: entry.projection.name,
        version: entry.projection.version,
        liveVersion: entry.liveCopy.version,
        generation: entry.liveCopy.generation,
        position,
        headPosition: head,
        lag,
        caughtUp: worker?.caughtUp ?? false,
        rebuilding: entry.rebuilding !== undefined,
        rebuildPosition: entry.shadow?.position,
        parkedEvents: parked.filter((event) => event.name === entry.projection.name).length,
        error: worker?.lastError === undefined ? undefined : String(worker.lastError),
      });
    }
    return statuses;
  }

  /** Events the live copies skipped after `maxAttempts` failures. */
  parkedEvents(name?: string): ParkedEvent[] {
    return listParkedEvents(this.options.database, name);
  }

  /** Names of the projections this runner runs. */
  names(): string[] {
    return this.options.projections.map((projection) => projection.name);
  }

  /** Applies a parked event of the live copy again; it stays parked if it fails again. */
  retryParked(name: string, eventId: string): Promise<void> {
    if (this.follows) return Promise.reject(notHere());
    const entry = this.entryOf(name);
    return retryParkedEvent(
      this.options.database,
      this.options.source,
      entry.projection,
      entry.liveCopy,
      eventId,
    );
  }

  /** Removes an event from the parked list of the live copy without applying it. */
  skipParked(name: string, eventId: string): void {
    if (this.follows) throw notHere();
    skipParkedEvent(this.options.database, this.entryOf(name).liveCopy, eventId);
  }

  private async waitForFollowed(
    position: number,
    deadline: number,
    name?: string,
    ownEvent = false,
  ): Promise<boolean> {
    const named = name === undefined ? undefined : this.followed.get(name);
    if (name !== undefined && !named)
      throw new ProjectionError('PROJECTION-unknown', `No running projection named ${name}`);
    for (const copy of named ? [named] : [...this.followed.values()]) {
      for (let attempt = 0; !(await copy.reached(position, ownEvent)); attempt++) {
        const left = deadline - Date.now();
        if (left <= 0 || this.stopping) return false;
        const pause = FOLLOW_POLL_MS[Math.min(attempt, FOLLOW_POLL_MS.length - 1)];
        await new Promise((resolve) => setTimeout(resolve, Math.min(left, pause)));
      }
    }
    return true;
  }

  private async followedStatus(
    head: number | undefined,
    parked: ParkedEvent[],
  ): Promise<ProjectionStatus[]> {
    const statuses: ProjectionStatus[] = [];
    for (const followed of this.followed.values()) {
      const copy = followed.liveCopy();
      const position = followed.position();
      const reachedHead =
        head !== undefined ? await followed.reached(head).catch(() => false) : false;
      const lag = head === undefined ? undefined : reachedHead ? 0 : Math.max(0, head - position);
      statuses.push({
        name: followed.projection.name,
        version: followed.projection.version,
        liveVersion: copy?.version ?? followed.projection.version,
        generation: copy?.generation ?? 0,
        position,
        headPosition: head,
        lag,
        caughtUp: lag === 0,
        // The projecting worker rebuilds; this process sees the copies it swaps in.
        rebuilding: false,
        parkedEvents: parked.filter((event) => event.name === followed.projection.name).length,
        followed: true,
      });
    }
    return statuses;
  }

  private startRebuild(entry: Entry, resumable?: Copy): Promise<void> {
    if (!this.running || this.stopping) {
      return Promise.reject(
        new ProjectionError(
          'PROJECTION-not-running',
          'Start the projection runner before rebuilding',
        ),
      );
    }
    entry.rebuilding ??= this.runRebuild(entry, resumable).finally(() => {
      entry.rebuilding = undefined;
      entry.shadow = undefined;
    });
    return entry.rebuilding;
  }

  private async runRebuild(entry: Entry, resumable?: Copy): Promise<void> {
    const { projection } = entry;
    const { database } = this.options;
    const copy = resumable ?? createCopy(database, projection, false);
    // No live copy beside (a version bump at start): nothing runs to compare the fresh copy with, and
    // on a source of several ordered logs "caught up" and the old checkpoint (one position) say nothing
    // about the other partitions. The mark is then where the source ends as the rebuild begins.
    const end = entry.live ? undefined : this.readEndProgress(projection);
    end?.catch(() => undefined); // awaited below; a rebuild that fails first must not leave it unhandled
    const shadow = this.startWorker(projection, copy);
    entry.shadow = shadow;
    this.settings.logger.info(
      { projection: projection.name, generation: copy.generation },
      'projection rebuild started',
    );
    await this.unlessStopped(shadow.whenCaughtUp());
    // The live copy stands still from here to the swap, so the fresh copy can reach exactly its position.
    const previous = entry.live;
    await previous?.stop();
    try {
      const target = previous?.position ?? readCheckpoint(database, entry.liveCopy);
      await this.unlessStopped(this.waitUntil(() => shadow, target, Infinity));
      // A source of several ordered logs (Kafka partitions): the highest position says nothing about
      // the other partitions, so the fresh copy must also stand where the live one stood in each.
      const held = previous ? previous.progress() : end && (await this.unlessStopped(end));
      if (held) await this.unlessStopped(this.waitUntilHolds(shadow, held));
      swapLiveCopy(database, projection, entry.liveCopy, copy);
    } catch (error) {
      if (previous && !this.stopping) entry.live = this.startWorker(projection, entry.liveCopy);
      throw error;
    }
    entry.liveCopy = copy;
    entry.live = shadow;
    this.changed.notify();
    this.settings.logger.info(
      { projection: projection.name, generation: copy.generation },
      'projection rebuild swapped in',
    );
  }

  private startWorker(projection: Projection, copy: Copy): ProjectionWorker {
    const worker = new ProjectionWorker(
      this.options.database,
      this.options.source,
      projection,
      copy,
      this.settings,
    );
    worker.start();
    return worker;
  }

  private async waitUntil(
    worker: () => ProjectionWorker | undefined,
    position: number,
    deadline: number,
    ownEvent = false,
  ): Promise<boolean> {
    for (;;) {
      const changed = this.changed.next();
      const current = worker();
      if (current && (await current.reached(position, ownEvent))) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      // Re-check at least every second, whatever happened to the notifications.
      await withTimeout(changed, Math.min(left, 1000));
    }
  }

  private async waitUntilHolds(worker: ProjectionWorker, held: SourceProgress): Promise<void> {
    for (;;) {
      const changed = this.changed.next();
      if (worker.holds(held)) return;
      await withTimeout(changed, 1000);
    }
  }

  /**
   * The source's end per part (see EventSource.endProgress), read until it succeeds: a busy broker
   * delays the swap (the old copy keeps answering), it never lets a copy in unchecked.
   */
  private async readEndProgress(projection: Projection): Promise<SourceProgress | undefined> {
    const read = this.options.source.endProgress;
    if (!read) return undefined;
    for (let pause: number = END_RETRY_MS.first; ; pause = Math.min(pause * 2, END_RETRY_MS.most)) {
      try {
        return await this.unlessStopped(
          read.call(this.options.source, { filter: projection.filter }),
        );
      } catch (error) {
        if (this.stopping) throw error;
        this.settings.logger.warn(
          { projection: projection.name, err: error },
          'could not read where the source ends; retrying',
        );
        await this.unlessStopped(new Promise((resolve) => setTimeout(resolve, pause).unref()));
      }
    }
  }

  private async unlessStopped<T>(promise: Promise<T>): Promise<T> {
    const stopped = this.stopped.promise.then(() => {
      throw new ProjectionError(
        'PROJECTION-rebuild-interrupted',
        'The runner stopped before the rebuild was swapped in; it resumes at next start',
      );
    });
    return Promise.race([promise, stopped]);
  }

  private entryOf(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry)
      throw new ProjectionError('PROJECTION-unknown', `No running projection named ${name}`);
    return entry;
  }

  private logRebuildError(projection: Projection, error: unknown): void {
    if (error instanceof ProjectionError && error.code === 'PROJECTION-rebuild-interrupted') return;
    this.settings.logger.error(
      { projection: projection.name, err: error },
      'projection rebuild failed',
    );
  }
}

function notHere(): ProjectionError {
  return new ProjectionError(
    'PROJECTION-followed',
    'This worker only reads these read models; the projecting worker (worker 1) maintains them',
  );
}
