import type { EventStore } from '@accounts/event-store';
import type { OnApplicationShutdown } from '@nestjs/common';

/**
 * The app's store and whether the kit opened it. A store handed in (tests) belongs to the caller.
 * One the kit opened closes in onApplicationShutdown: Nest runs that hook for non-global modules
 * first and for global modules (this one) last, so subscriptions can still save a checkpoint.
 */
export class EventStoreHandle implements OnApplicationShutdown {
  private closing?: Promise<void>;

  constructor(
    readonly store: EventStore,
    private readonly owned: boolean,
  ) {}

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  close(): Promise<void> {
    if (!this.owned) return Promise.resolve();
    this.closing ??= this.store.close();
    return this.closing;
  }
}
