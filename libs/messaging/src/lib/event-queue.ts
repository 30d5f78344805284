/**
 * The hand-over from kafkajs (push) to the runner (pull): the consumer pushes a fetched batch and
 * waits until the runner asked for more than it holds, so only one batch is ever in memory.
 */
export class EventQueue<T> {
  private readonly items: T[] = [];
  private closed = false;
  private failure?: unknown;
  private taker?: {
    resolve: (result: IteratorResult<T>) => void;
    reject: (error: unknown) => void;
  };
  private drainedWaiters: Array<() => void> = [];

  push(item: T): void {
    if (this.closed) return;
    if (this.taker) {
      const taker = this.taker;
      this.taker = undefined;
      taker.resolve({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  /** The iterator's next(): an item, or a wait for one; `done` once closed. */
  take(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    this.notifyDrained();
    return new Promise((resolve, reject) => (this.taker = { resolve, reject }));
  }

  /** Resolves when the consumer asks for an item that is not there: everything pushed was taken and handled. */
  drained(): Promise<void> {
    if (this.closed || (this.items.length === 0 && this.taker)) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.items.length = 0;
    this.taker?.resolve({ value: undefined, done: true });
    this.taker = undefined;
    this.notifyDrained();
  }

  /** The consumer cannot go on: the runner's next() rejects, and the runner resubscribes. */
  fail(error: unknown): void {
    this.failure = error;
    this.taker?.reject(error);
    this.taker = undefined;
    this.close();
  }

  private notifyDrained(): void {
    const waiters = this.drainedWaiters;
    this.drainedWaiters = [];
    for (const wake of waiters) wake();
  }
}
