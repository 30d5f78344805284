import {
  type BeforeApplicationShutdown,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { ReadModelsHost } from './read-models-host';

/**
 * A side effect driven from the store: its work queue is a projection of the service's ReadModelsHost
 * (listed in /health, rebuilt through the operations API), and a mark outside the projections (written
 * only after the effect) says what is done, so a crash before the mark redoes the work and a rebuild
 * never does. Drained on a timer by the worker that maintains the read models, so once per service.
 */
export abstract class QueueReactor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;

  protected constructor(
    protected readonly readModels: ReadModelsHost,
    name: string,
    private readonly everyMs = 100,
  ) {
    this.logger = new Logger(name);
  }

  /** After every module's init: the host's runner has started by then. */
  onApplicationBootstrap(): void {
    if (this.readModels.runner.follows) return;
    this.timer = setInterval(() => void this.drain(), this.everyMs);
    this.timer.unref();
  }

  /** Before the host closes its database: a drain in progress finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.draining;
  }

  /** Works through what is queued and not done yet; a call during a drain waits for that drain. */
  drain(): Promise<void> {
    this.draining ??= this.work().finally(() => (this.draining = null));
    return this.draining;
  }

  /** One pass over the queue; failures are the subclass's to log and leave for the next pass. */
  protected abstract work(): Promise<void>;
}
