import type { Server } from 'node:http';

/** Counts the requests being answered, so a shutdown can wait for them. */
export class InFlightRequests {
  private count = 0;
  private readonly waiters = new Set<() => void>();

  constructor(server: Server) {
    server.on('request', (_req, res) => {
      this.count += 1;
      // 'close' fires after the answer was sent or the client went away: either way it is over.
      res.once('close', () => {
        this.count -= 1;
        if (this.count === 0) this.waiters.forEach((wake) => wake());
      });
    });
  }

  get size(): number {
    return this.count;
  }

  /** Resolves true when none is left, false when `timeoutMs` passed first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(idle);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(wake);
    });
  }
}
