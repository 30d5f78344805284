import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../errors';
import type { AppendResult, ExpectedRevision } from '../types';
import type { PreparedEvent } from '../validation';
import type { AppendRequest } from './sqlite-batch-writer';
import type { SqliteSynchronous } from './sqlite-schema';
// The messages' types live in the thread's file so that this import names it: tools/build.mjs ships
// only the files main.ts reaches through imports, and nothing else requires the thread's file.
import type { WriterOutcome, WriterRequest } from './sqlite-writer-thread';

interface PendingAppend extends AppendRequest {
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit in a writer thread that owns the write connection: better-sqlite3 is synchronous, so
 * a commit run on the event loop holds it for the whole fsync (password hashes that finished wait,
 * no new hash reaches libuv's pool). One batch is in flight at a time; appends requested meanwhile
 * form the next batch, so the busier the store, the larger the group. A promise resolves only after
 * the commit (synchronous=FULL: after the fsync), as with SqliteGroupCommit.
 */
export class SqliteThreadCommit {
  private queue: PendingAppend[] = [];
  private inFlight: PendingAppend[] | undefined;
  private scheduled = false;
  private failure: Error | undefined;
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(
    options: { path: string; synchronous: SqliteSynchronous; busyTimeoutMs: number },
    /** After each commit, with what it held (the commit bells ring for its types and streams). */
    private readonly onCommitted: (appends: readonly AppendRequest[]) => void,
  ) {
    const source = extname(__filename) === '.ts';
    this.worker = new Worker(join(__dirname, `sqlite-writer-thread${extname(__filename)}`), {
      workerData: options,
      // Tests and benches run the TypeScript sources: the thread loads them the same way.
      ...(source && { execArgv: ['-r', '@swc-node/register'] }),
    });
    this.worker.unref();
    this.worker.on('message', (outcome: WriterOutcome) => this.settle(outcome));
    this.worker.on('error', (error) => this.fail(error));
    this.exited = new Promise((resolve) =>
      this.worker.on('exit', () => {
        this.fail(new Error('the SQLite writer thread exited'));
        resolve();
      }),
    );
  }

  enqueue(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly PreparedEvent[],
  ): Promise<AppendResult> {
    if (this.failure) return Promise.reject(this.unavailable(this.failure));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, expected, events, resolve, reject });
      if (!this.scheduled && !this.inFlight) {
        this.scheduled = true;
        // Appends requested in this turn go in one batch, as with the in-loop group commit.
        setImmediate(() => {
          this.scheduled = false;
          this.send();
        });
      }
    });
  }

  /** Waits for the appends already requested, then closes the write connection and ends the thread. */
  async close(): Promise<void> {
    while ((this.inFlight || this.queue.length > 0 || this.scheduled) && !this.failure) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    if (!this.failure) this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await this.exited;
  }

  private send(): void {
    if (this.inFlight || this.queue.length === 0 || this.failure) return;
    this.inFlight = this.queue;
    this.queue = [];
    this.worker.ref(); // an append under way keeps the process alive
    const batch = this.inFlight.map(({ streamId, expected, events }) => ({
      streamId,
      expected,
      events,
    }));
    this.worker.postMessage({ kind: 'batch', batch } satisfies WriterRequest);
  }

  private settle(outcome: WriterOutcome): void {
    const batch = this.inFlight ?? [];
    this.inFlight = undefined;
    this.worker.unref();
    if (outcome.kind === 'failed') {
      const failure = new EventStoreUnavailableError(`SQLite append failed: ${outcome.message}`);
      batch.forEach((item) => item.reject(failure));
    } else {
      this.onCommitted(batch);
      batch.forEach((item, i) => {
        const result = outcome.results[i];
        if ('ok' in result) item.resolve(result.ok);
        else if ('wrong' in result) {
          const { streamId, expected, actual } = result.wrong;
          item.reject(new WrongExpectedVersionError(streamId, expected, actual));
        } else
          item.reject(new EventStoreUnavailableError(`SQLite append failed: ${result.failed}`));
      });
    }
    this.send();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    const failure = this.unavailable(error);
    [...(this.inFlight ?? []), ...this.queue].forEach((item) => item.reject(failure));
    this.inFlight = undefined;
    this.queue = [];
  }

  private unavailable(error: Error): EventStoreUnavailableError {
    return new EventStoreUnavailableError(`SQLite writer unavailable: ${error.message}`, error);
  }
}
