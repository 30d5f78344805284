/** Wakes every current waiter on `notify()`; take `next()` BEFORE checking a condition, never after. */
export class Signal {
  private waiters: Array<() => void> = [];

  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

export const TIMED_OUT = Symbol('timed out');

/** Resolves with the promise's value, or TIMED_OUT after `ms`; the timer never keeps the process alive. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const IDLE = Symbol('idle');

/** Resolves with the promise's value if it is ready within this turn of the event loop, else IDLE. */
export function unlessIdle<T>(promise: Promise<T>): Promise<T | typeof IDLE> {
  return Promise.race([
    promise,
    new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE))),
  ]);
}

/**
 * IDLE after `ms`, once: one timer for a whole batch (a timer per event costs more than the event).
 * `fire()` resolves it now (the source caught up: nothing more is coming soon, close the batch).
 */
export function idleAfter(ms: number): {
  readonly promise: Promise<typeof IDLE>;
  cancel(): void;
  fire(): void;
} {
  let timer: NodeJS.Timeout | undefined;
  let resolveNow!: (idle: typeof IDLE) => void;
  const promise = new Promise<typeof IDLE>((resolve) => {
    resolveNow = resolve;
    timer = setTimeout(() => resolve(IDLE), ms);
  });
  return {
    promise,
    cancel: () => clearTimeout(timer),
    fire: () => {
      clearTimeout(timer);
      resolveNow(IDLE);
    },
  };
}

/** A promise with its resolve function outside (Promise.withResolvers is not in Node 20). */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
