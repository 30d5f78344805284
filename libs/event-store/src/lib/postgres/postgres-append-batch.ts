import type { Pool, PoolClient, QueryResult } from 'pg';
import {
  EventStoreUnavailableError,
  InvalidEventStoreInputError,
  WrongExpectedVersionError,
} from '../errors';
import { matchesExpectedRevision } from '../expected-revision';
import type { AppendResult, ExpectedRevision } from '../types';
import type { PreparedEvent } from '../validation';
import type { EventRowToInsert, PostgresSql } from './postgres-sql';

interface PendingAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly PreparedEvent[];
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Up to this many rows, the insert, NOTIFY and COMMIT go in one round trip as literals; bigger
 * appends bind nine arrays instead (measured: faster to parse, one more round trip does not matter).
 */
const LITERAL_INSERT_MAX_ROWS = 100;

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
  private scheduled = false;

  constructor(
    private readonly pool: Pool,
    private readonly sql: PostgresSql,
    /** After each commit: its head position and the channels it notified (PostgresSql.notifyChannels). */
    private readonly onCommitted: (position: number, channels: readonly string[]) => void,
  ) {}

  enqueue(
    streamId: string,
    expected: ExpectedRevision,
    events: readonly PreparedEvent[],
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, expected, events, resolve, reject });
      if (this.running || this.scheduled) return;
      // The first transaction starts after this turn, so the appends a request makes together (a
      // sign-in's events, its session and the guard's success) share it instead of the first one
      // going alone and the others in the next: one commit, one fsync, one set of NOTIFYs.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.drain();
      });
    });
  }

  /** Resolves when nothing is queued or being written (close waits for it). */
  async idle(): Promise<void> {
    while (this.running || this.scheduled || this.queue.length)
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
      (count === 0 || events + this.queue[count].events.length <= MAX_EVENTS_PER_TRANSACTION)
    ) {
      events += this.queue[count].events.length;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async write(batch: PendingAppend[]): Promise<void> {
    let outcomes: Array<AppendResult | Error>;
    try {
      outcomes = await this.withClient((client) => this.transaction(client, batch));
    } catch (error) {
      if (batch.length > 1 && isRefusedData(error)) {
        // One append's payload was refused by the server: write them one by one so only it fails.
        for (const item of batch) await this.write([item]);
        return;
      }
      const failure = isRefusedData(error)
        ? new InvalidEventStoreInputError(
            'events',
            `refused by PostgreSQL: ${(error as Error).message}`,
          )
        : new EventStoreUnavailableError(
            `PostgreSQL append failed: ${(error as Error).message}`,
            error,
          );
      batch.forEach((item) => item.reject(failure));
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) item.reject(outcome);
      else item.resolve(outcome);
    });
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (error) {
      // A connection in an unknown state is not given back to the pool.
      client.release(isRefusedData(error) ? undefined : (error as Error));
      throw error;
    }
  }

  /** Two round trips (three for big appends): begin + lock + read revisions and head, then insert + notify + commit. */
  private async transaction(
    client: PoolClient,
    batch: PendingAppend[],
  ): Promise<Array<AppendResult | Error>> {
    try {
      const streams = [...new Set(batch.map((b) => b.streamId))];
      const results = (await client.query(this.sql.beginLockAndRead(streams))) as unknown as Array<
        QueryResult<{ stream_id: string | null; value: string | null }>
      >;
      const revisions = new Map<string, number>();
      let head = 0;
      for (const { stream_id: streamId, value } of results[results.length - 1].rows) {
        if (streamId === null) head = Number(value ?? 0);
        else revisions.set(streamId, Number(value));
      }
      const rows: EventRowToInsert[] = [];
      const outcomes = batch.map((item): AppendResult | Error => {
        const actual = revisions.get(item.streamId) ?? -1;
        if (!matchesExpectedRevision(item.expected, actual))
          return new WrongExpectedVersionError(item.streamId, item.expected, actual);
        let revision = actual;
        const positions: number[] = [];
        for (const e of item.events) {
          revision += 1;
          head += 1;
          positions.push(head);
          rows.push({
            position: head,
            streamId: item.streamId,
            revision,
            eventId: e.eventId,
            type: e.type,
            schemaVersion: e.schemaVersion,
            occurredAt: e.occurredAt,
            data: e.data,
            metadata: e.metadata,
          });
        }
        revisions.set(item.streamId, revision);
        return { nextRevision: revision, position: head, positions };
      });
      if (rows.length > LITERAL_INSERT_MAX_ROWS) {
        await client.query(this.sql.insertMany, this.sql.insertManyValues(rows));
        const channels = this.sql.notifyChannels(rows);
        await client.query(this.sql.notifyAndCommit(rows, head, channels));
        this.onCommitted(head, channels);
      } else if (rows.length) {
        const channels = this.sql.notifyChannels(rows);
        await client.query(this.sql.insertNotifyAndCommit(rows, channels));
        this.onCommitted(head, channels);
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

/** SQLSTATE class 22 (data exception): the server refused a value; retrying it will not help. */
function isRefusedData(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('22');
}
