import type { Pool, PoolClient } from 'pg';
import {
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '../errors';
import { matchesExpectedRevision } from '../expected-revision';
import type { AppendResult, ExpectedRevision } from '../types';
import type { PreparedEvent } from '../validation';
import type { PostgresSql } from './postgres-sql';

interface PendingAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly PreparedEvent[];
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Appends per transaction at most; a bigger queue is written in several transactions. */
const MAX_EVENTS_PER_TRANSACTION = 5_000;

/**
 * Group commit with one global order. Every append transaction, in every process, first takes one
 * transaction-level advisory lock, reads the head and the streams' revisions, numbers its events
 * head+1, head+2, ... and commits, which releases the lock. So transactions commit in position
 * order: a reader can never see position N+1 before N is visible (PostgreSQL makes a commit
 * visible before it releases the transaction's locks), and a reader paging by position never skips
 * an event that committed late. The price, one writer at a time, is paid back by batching: the
 * appends queued in this process while a transaction runs go together in the next one (one fsync).
 */
export class PostgresAppendBatch {
  private queue: PendingAppend[] = [];
  private running = false;

  constructor(
    private readonly pool: Pool,
    private readonly sql: PostgresSql,
    private readonly onCommitted: (position: number) => void,
  ) {}

  enqueue(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly PreparedEvent[],
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, expected, events, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** Resolves when nothing is queued or being written (close waits for it). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length)
      await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.takeBatch();
        await this.write(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private takeBatch(): PendingAppend[] {
    let events = 0;
    let count = 0;
    while (
      count < this.queue.length &&
      (count === 0 ||
        events + this.queue[count].events.length <= MAX_EVENTS_PER_TRANSACTION)
    ) {
      events += this.queue[count].events.length;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async write(batch: PendingAppend[]): Promise<void> {
    let client: PoolClient | undefined;
    let outcomes: Array<AppendResult | Error>;
    try {
      client = await this.pool.connect();
      outcomes = await this.transaction(client, batch);
    } catch (error) {
      client?.release(error as Error);
      const failure = new EventStoreUnavailableError(
        `PostgreSQL append failed: ${(error as Error).message}`,
        error,
      );
      batch.forEach((item) => item.reject(failure));
      return;
    }
    client.release();
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) item.reject(outcome);
      else item.resolve(outcome);
    });
  }

  private async transaction(
    client: PoolClient,
    batch: PendingAppend[],
  ): Promise<Array<AppendResult | Error>> {
    await client.query(this.sql.beginAndLock);
    try {
      const streams = [...new Set(batch.map((b) => b.streamId))];
      const { rows } = await client.query<[string | null, string | null]>({
        text: this.sql.revisionsAndHead,
        values: [streams],
        rowMode: 'array',
      });
      const revisions = new Map<string, number>();
      let head = 0;
      for (const [streamId, value] of rows) {
        if (streamId === null) head = Number(value ?? 0);
        else revisions.set(streamId, Number(value));
      }
      const columns = {
        position: [] as number[],
        stream: [] as string[],
        revision: [] as number[],
        eventId: [] as string[],
        type: [] as string[],
        schemaVersion: [] as number[],
        occurredAt: [] as string[],
        data: [] as string[],
        metadata: [] as string[],
      };
      const outcomes = batch.map((item): AppendResult | Error => {
        const actual = revisions.get(item.streamId) ?? -1;
        if (!matchesExpectedRevision(item.expected, actual))
          return new WrongExpectedVersionError(
            item.streamId,
            item.expected,
            actual,
          );
        let revision = actual;
        for (const e of item.events) {
          revision += 1;
          head += 1;
          columns.position.push(head);
          columns.stream.push(item.streamId);
          columns.revision.push(revision);
          columns.eventId.push(e.eventId);
          columns.type.push(e.type);
          columns.schemaVersion.push(e.schemaVersion);
          columns.occurredAt.push(e.occurredAt);
          columns.data.push(e.data);
          columns.metadata.push(e.metadata);
        }
        revisions.set(item.streamId, revision);
        return { nextRevision: revision, position: head };
      });
      if (columns.position.length) {
        await client.query(this.sql.insertMany, [
          columns.position,
          columns.stream,
          columns.revision,
          columns.eventId,
          columns.type,
          columns.schemaVersion,
          columns.occurredAt,
          columns.data,
          columns.metadata,
        ]);
        // NOTIFY is delivered at commit, so listeners in every process wake only for visible events.
        await client.query(this.sql.notifyAndCommit(head));
        this.onCommitted(head);
      } else {
        await client.query('COMMIT');
      }
      return outcomes;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
