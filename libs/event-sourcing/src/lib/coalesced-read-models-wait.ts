import type { ReadModelsWait } from './command-runner';

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Many requests of one process waiting for the read models at once (32 concurrent edits) share one
 * wait: each round waits for the highest position asked so far and answers every request at or below
 * it, so the read models are checked once per round instead of once per waiting request at every
 * commit. A request that arrives during a round for a later position joins the next round. A round
 * that ends without reaching its position (the wait's own timeout) answers its requests anyway, as
 * the wrapped wait would have; requests at or below it then answer at once too (the read models lag
 * by more than the timeout; every write stands).
 */
export class CoalescedReadModelsWait implements ReadModelsWait {
  private waiting: Waiter[] = [];
  private round?: Promise<void>;
  /** Everything up to here was seen in the read models. */
  private reached = 0;

  constructor(private readonly inner: ReadModelsWait) {}

  waitFor(position: number): Promise<void> {
    if (position <= this.reached) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ position, resolve, reject });
      this.round ??= this.run();
    });
  }

  private async run(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      const target = batch.reduce((max, waiter) => Math.max(max, waiter.position), 0);
      try {
        await this.inner.waitFor(target);
        this.reached = Math.max(this.reached, target);
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
      // Requests of the next round already reached by this one need not wait again.
      this.waiting = this.waiting.filter((waiter) => {
        if (waiter.position > this.reached) return true;
        waiter.resolve();
        return false;
      });
    }
    this.round = undefined;
  }
}
