import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import { LimiterStoreUnavailableError } from './limiter-store';

/** One statement of a batch; the batch runs in order on one connection and answers the rows of each. */
export interface Statement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

type Rows = Record<string, unknown>[];

/**
 * The worker: one pg connection, batches run in order, each answered on the port and signalled
 * through the shared counter (Atomics) that the blocked caller waits on.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { Client } = require(workerData.pgPath);
const { port, signal, connectionString } = workerData;
let inTransaction = false;
let connecting;
// A caller that timed out never sends its COMMIT: the server ends such a transaction (and its lock).
// A lost connection is opened again at the next call. Commits do not wait for the WAL flush: a crash
// of the server may forget the last few counts, never corrupt them (as SQLite's synchronous=NORMAL here).
const current = () => {
  if (!connecting) {
    const c = new Client({ connectionString, application_name: 'accounts-limiter', statement_timeout: 5000, idle_in_transaction_session_timeout: 5000, options: '-c synchronous_commit=off' });
    const p = c.connect().then(() => c);
    const forget = () => { if (connecting === p) { connecting = undefined; inTransaction = false; } };
    c.on('error', forget);
    c.on('end', forget);
    p.catch(forget);
    connecting = p;
  }
  return connecting;
};
const answer = (message) => {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};
// Connected before the first call: the service opens its store at start.
current().catch(() => undefined);
let queue = Promise.resolve();
port.on('message', ({ id, statements }) => {
  queue = queue.then(async () => {
    let c;
    try {
      c = await current();
      // The previous caller gave up between its BEGIN and its COMMIT.
      if (inTransaction && /^BEGIN/i.test(statements[0].sql)) { await c.query('ROLLBACK'); inTransaction = false; }
      const results = [];
      for (const s of statements) {
        results.push((await c.query(s.sql, s.params || [])).rows);
        if (/^BEGIN/i.test(s.sql)) inTransaction = true;
        if (/^(COMMIT|ROLLBACK)/i.test(s.sql)) inTransaction = false;
      }
      answer({ id, results });
    } catch (error) {
      if (c && inTransaction) await c.query('ROLLBACK').catch(() => undefined);
      inTransaction = false;
      answer({ id, error: String((error && error.message) || error) });
    }
  });
});
`;

/**
 * A PostgreSQL connection that answers synchronously: the statements go to a worker thread and
 * this thread blocks (Atomics.wait) until it answers or `timeoutMs` passes. The limiters are
 * synchronous, and on localhost or a data-centre network a round trip is a fraction of a
 * millisecond; a server that does not answer costs at most `timeoutMs`, then an error.
 */
export class BlockingPostgres {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private sequence = 0;

  constructor(
    connectionString: string,
    private readonly timeoutMs = 2_000,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        port: port2,
        signal: this.signal,
        connectionString,
        pgPath: require.resolve('pg'),
      },
      transferList: [port2],
    });
    // The worker must not keep a stopping process alive.
    this.worker.unref();
    this.port.unref();
  }

  /** Runs the statements in order; answers the rows of each. Throws LimiterStoreUnavailableError. */
  run(statements: readonly Statement[], timeoutMs = this.timeoutMs): Rows[] {
    return this.receive(this.send(statements), timeoutMs);
  }

  /** Sends the statements without waiting; `receive` with the id answers them (only the latest id can be received). */
  send(statements: readonly Statement[]): number {
    const id = ++this.sequence;
    this.port.postMessage({ id, statements });
    return id;
  }

  receive(id: number, timeoutMs = this.timeoutMs): Rows[] {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      for (
        let received = receiveMessageOnPort(this.port);
        received;
        received = receiveMessageOnPort(this.port)
      ) {
        const message = received.message as {
          id: number;
          results?: Rows[];
          error?: string;
        };
        // An answer to an earlier call that timed out: nobody waits for it any more.
        if (message.id !== id) continue;
        if (message.error !== undefined) throw new LimiterStoreUnavailableError(message.error);
        return message.results ?? [];
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new LimiterStoreUnavailableError(`no answer within ${timeoutMs} ms`);
      Atomics.wait(this.signal, 0, seen, remaining);
    }
  }

  close(): void {
    void this.worker.terminate();
    this.port.close();
  }
}
