import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  EventStoreDBClient,
  Position,
} from '@eventstore/db-client';
import type { EventFilter, RecordedEvent, Subscription } from '../types';
import { CaughtUpSignal } from './eventstoredb-caught-up-signal';
import { translateEventStoreDbError } from './eventstoredb-errors';
import { matchesFilter, toServerFilter } from './eventstoredb-filter';
import { ReadablePuller } from './eventstoredb-readable-puller';
import { positionOf, toReadPosition, toRecordedEvent } from './eventstoredb-recorded-event';

export interface EventStoreDbSubscriptionOptions {
  readonly fromPosition: number;
  readonly filter?: EventFilter;
  readonly onCaughtUp?: () => void;
  /** Position of the newest record in $all, system records included (fallback caught-up test). */
  readonly readHead: () => Promise<number>;
  readonly onEnd: (subscription: EventStoreDbSubscription) => void;
}

/**
 * A catch-up subscription to $all from an exclusive checkpoint. The server filters (one filter),
 * the client re-checks the whole filter and drops system events and anything at or before the
 * checkpoint. Events are pulled from the client's stream only when the consumer asks: back-pressure.
 *
 * Caught up: servers 23.10+ send a caughtUp message. For older servers the head of $all is read
 * before subscribing, and the subscription counts as caught up when an event or a filter
 * checkpoint reaches it (best effort: with a filter that hides the head and no checkpoint after
 * it, the signal comes with the next event).
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private iterator: AsyncGenerator<RecordedEvent> | undefined;
  private source: AllStreamSubscription | undefined;
  private reader: ReadablePuller<AllStreamResolvedEvent> | undefined;
  private callbackFailure: { error: unknown } | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbSubscriptionOptions,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return (this.iterator ??= this.iterate());
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.reader?.close();
    await this.release();
    this.options.onEnd(this);
  }

  private async *iterate(): AsyncGenerator<RecordedEvent> {
    const { fromPosition, filter, onCaughtUp } = this.options;
    try {
      const head = onCaughtUp ? await this.options.readHead() : undefined;
      if (this.stopped) return;
      const signal = new CaughtUpSignal(onCaughtUp && (() => this.callSafely(onCaughtUp)));
      const source = this.client.subscribeToAll({
        fromPosition: toReadPosition(fromPosition),
        filter: toServerFilter(filter, (_subscription, position) =>
          this.checkpoint(signal, head, position),
        ),
      });
      const reader = new ReadablePuller<AllStreamResolvedEvent>(source);
      this.source = source;
      this.reader = reader;
      source.on('caughtUp', () => signal.reached(source.readableLength, reader.waiting));
      if (head !== undefined && head <= fromPosition) signal.reached(0, false);

      while (!this.stopped) {
        signal.beforeWait();
        const resolved = await reader.next();
        if (this.callbackFailure) throw this.callbackFailure.error;
        if (resolved === undefined || this.stopped) return;
        signal.pulled();
        if (head !== undefined && positionOf(resolved) >= head) signal.reached(0, false);
        const event = toRecordedEvent(resolved);
        if (!event || event.position <= fromPosition || !matchesFilter(event, filter)) continue;
        yield event;
      }
    } catch (error) {
      throw translateEventStoreDbError(error);
    } finally {
      this.stopped = true;
      await this.release();
      this.options.onEnd(this);
    }
  }

  /** Filter checkpoints carry positions too: for older servers, reaching the head means live. */
  private checkpoint(signal: CaughtUpSignal, head: number | undefined, position: Position): void {
    if (head !== undefined && this.source && this.reader && Number(position.commit) >= head) {
      signal.reached(this.source.readableLength, this.reader.waiting);
    }
  }

  /** The callback may run inside the client's stream machinery: its error ends the iteration instead. */
  private callSafely(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.callbackFailure ??= { error };
      this.reader?.close();
    }
  }

  /** Best effort: the call may already have failed, and cleanup must not hide the original error. */
  private async release(): Promise<void> {
    const source = this.source;
    this.source = undefined;
    if (!source) return;
    await source.unsubscribe().catch(() => undefined);
    source.destroy();
  }
}
