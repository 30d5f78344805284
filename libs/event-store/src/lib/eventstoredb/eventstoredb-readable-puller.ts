/** The part of an object-mode Readable the puller uses (the client declares its own stream types). */
export interface PullableStream {
  read(): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Pulls one object at a time from an object-mode Readable (the client's read and subscription
 * streams). Nothing is read until `next()` is called, so a slow consumer slows the server down
 * (back-pressure through the stream's buffer and gRPC flow control). Unlike `for await`, a pending
 * `next()` can be ended from outside with `close()`, which is what `Subscription.stop()` needs.
 */
export class ReadablePuller<T> {
  private ended = false;
  private closed = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private pending = false;

  constructor(private readonly stream: PullableStream) {
    stream.on('readable', () => this.notify());
    stream.on('end', () => this.finish());
    stream.on('close', () => this.finish());
    // Kept for the stream's whole life: an 'error' without a listener would crash the process.
    stream.on('error', (error) => {
      this.failure ??= { error };
      this.notify();
    });
  }

  /** True while a `next()` call is waiting for the stream. */
  get waiting(): boolean {
    return this.pending;
  }

  /** The next object; undefined when the stream ended or `close()` was called; throws its error. */
  async next(): Promise<T | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      const item = this.stream.read() as T | null;
      if (item !== null) return item;
      if (this.failure) throw this.failure.error;
      if (this.ended) return undefined;
      this.pending = true;
      try {
        await new Promise<void>((resolve) => (this.wake = resolve));
      } finally {
        this.pending = false;
      }
    }
  }

  /** Ends the iteration: a waiting `next()` resolves with undefined. */
  close(): void {
    this.closed = true;
    this.notify();
  }

  private finish(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
