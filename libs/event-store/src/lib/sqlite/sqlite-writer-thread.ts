/**
 * The body of the SQLite writer thread (SqliteThreadCommit): it owns the write connection and runs
 * each batch's transaction, fsync included, so the event loop that asked for it keeps working.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { WrongExpectedVersionError } from '../errors';
import { type AppendRequest, createBatchWriter } from './sqlite-batch-writer';
import { openEventsDatabase, type SqliteSynchronous } from './sqlite-schema';
import type { AppendResult, ExpectedRevision } from '../types';

export type WriterRequest =
  | { readonly kind: 'batch'; readonly batch: readonly AppendRequest[] }
  | { readonly kind: 'close' };

export type WriterResult =
  | { readonly ok: AppendResult }
  | {
      readonly wrong: { streamId: string; expected: ExpectedRevision; actual: number };
    }
  | { readonly failed: string };

export type WriterOutcome =
  | { readonly kind: 'committed'; readonly results: readonly WriterResult[] }
  | { readonly kind: 'failed'; readonly message: string };

const { path, synchronous, busyTimeoutMs } = workerData as {
  path: string;
  synchronous: SqliteSynchronous;
  busyTimeoutMs: number;
};
const db = new Database(path);
openEventsDatabase(db, synchronous, busyTimeoutMs);
const writeBatch = createBatchWriter(db);
const port = parentPort;
if (!port) throw new Error('sqlite-writer-thread runs as a worker thread');

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    db.close();
    port.close();
    return;
  }
  let outcome: WriterOutcome;
  try {
    const results = writeBatch(request.batch as AppendRequest[]);
    outcome = {
      kind: 'committed',
      results: results.map((r) =>
        r instanceof WrongExpectedVersionError
          ? { wrong: { streamId: r.streamId, expected: r.expected, actual: r.actual } }
          : r instanceof Error
            ? { failed: r.message }
            : { ok: r },
      ),
    };
  } catch (error) {
    outcome = { kind: 'failed', message: (error as Error).message };
  }
  port.postMessage(outcome);
});
