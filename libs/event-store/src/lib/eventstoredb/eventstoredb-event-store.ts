import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendResult as ClientAppendResult,
  type JSONType,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import {
  EventStoreUnavailableError,
  InvalidEventStoreInputError,
  WrongExpectedVersionError,
} from '../errors';
import type { EventStore } from '../event-store';
import type {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  RawRecordedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../types';
import { rawRecordedEvent } from '../raw-event';
import { prepareAppend, validateCount, validateFilter, validateStreamId } from '../validation';
import { readsAsEmptyStream, translateEventStoreDbError } from './eventstoredb-errors';
import { toEventStoreDbExpectedRevision } from './eventstoredb-expected-revision';
import { isSystemEvent, matchesFilter } from './eventstoredb-filter';
import { toEventStoreDbMetadata } from './eventstoredb-metadata';
import { ReadablePuller } from './eventstoredb-readable-puller';
import {
  positionOf,
  toPosition,
  toReadPosition,
  toRecordedEvent,
} from './eventstoredb-recorded-event';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

const DEFAULT_PAGE = 1000;

/**
 * The EventStore port on EventStoreDB / KurrentDB (gRPC client v6; servers 22.6+ for positions on
 * stream reads, 23.10+ for an exact caught-up signal). Positions are $all commit positions: see
 * eventstoredb-recorded-event.ts for why they are unique and growing.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;

  /** E.g. `esdb://localhost:2113?tls=false`. A malformed string is refused here, not at first use. */
  static fromConnectionString(connectionString: string): EventStoreDbEventStore {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch (error) {
      throw new InvalidEventStoreInputError(
        'connectionString',
        error instanceof Error ? error.message : String(error),
      );
    }
    return new EventStoreDbEventStore(client);
  }

  constructor(private readonly client: EventStoreDBClient) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision = 'any',
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expected);
    this.assertOpen();
    const written = prepared.events.map((event, i) =>
      jsonEvent({
        id: event.eventId,
        type: event.type,
        data: JSON.parse(event.data) as JSONType,
        metadata: toEventStoreDbMetadata(JSON.parse(event.metadata), {
          schemaVersion: event.schemaVersion,
          occurredAt: events[i].occurredAt,
        }),
      }),
    );
    let result: ClientAppendResult;
    try {
      result = await this.client.appendToStream(prepared.streamId, written, {
        expectedRevision: toEventStoreDbExpectedRevision(prepared.expected),
      });
    } catch (error) {
      throw translateEventStoreDbError(error, {
        streamId: prepared.streamId,
        expected: prepared.expected,
      });
    }
    if (!result.success) {
      // A client built with throwOnAppendFailure: false reports the conflict instead of throwing it.
      const [last] = await this.readStream(prepared.streamId, {
        direction: 'backwards',
        maxCount: 1,
      });
      throw new WrongExpectedVersionError(
        prepared.streamId,
        prepared.expected,
        last?.revision ?? -1,
      );
    }
    const position = result.position
      ? toPosition(result.position.commit)
      : await this.lastPositionOf(prepared.streamId);
    return { nextRevision: Number(result.nextExpectedRevision), position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamId(streamId);
    const maxCount =
      options.maxCount === undefined
        ? undefined
        : validateCount('maxCount', options.maxCount, true);
    const fromRevision =
      options.fromRevision === undefined
        ? undefined
        : validateCount('fromRevision', options.fromRevision);
    const backwards = options.direction === 'backwards';
    this.assertOpen();
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: fromRevision === undefined ? (backwards ? END : START) : BigInt(fromRevision),
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    try {
      return await collect(read, () => true, maxCount ?? Number.POSITIVE_INFINITY);
    } catch (error) {
      if (readsAsEmptyStream(error)) return [];
      throw translateEventStoreDbError(error);
    }
  }

  /**
   * Client v6 cannot filter reads of $all on the server, so the filter (and the system-event
   * exclusion) is applied here while streaming; the read stops as soon as the page is full.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = validateCount('fromPosition', options.fromPosition ?? 0);
    const maxCount = validateCount('maxCount', options.maxCount ?? DEFAULT_PAGE, true);
    validateFilter(options.filter);
    this.assertOpen();
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(from) });
    try {
      return await collect(
        read,
        (event) => event.position > from && matchesFilter(event, options.filter),
        maxCount,
      );
    } catch (error) {
      throw translateEventStoreDbError(error);
    }
  }

  /**
   * EventStoreDB keeps schemaVersion and occurredAt inside its metadata and the client parses every
   * payload, so there is no stored text to hand out: the page of readAll, serialised again.
   */
  async readAllRaw(options: ReadAllOptions = {}): Promise<RawRecordedEvent[]> {
    return (await this.readAll(options)).map(rawRecordedEvent);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const fromPosition = validateCount('fromPosition', options.fromPosition ?? 0);
    validateFilter(options.filter);
    this.assertOpen();
    const subscription = new EventStoreDbSubscription(this.client, {
      fromPosition,
      filter: options.filter,
      onCaughtUp: options.onCaughtUp,
      readHead: () => this.lastRecordPosition(),
      onEnd: (ended) => this.subscriptions.delete(ended),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Newest non-system event: reads $all backwards and skips EventStoreDB's own records. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    try {
      const [newest] = await collect(read, (event) => !isSystemEvent(event), 1);
      return newest?.position ?? 0;
    } catch (error) {
      throw translateEventStoreDbError(error);
    }
  }

  /** One record read from the end of $all: cheap, and it needs a working connection and read rights. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.lastRecordPosition();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /** Position of the newest record of any kind in $all (0 when empty). */
  private async lastRecordPosition(): Promise<number> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    try {
      const puller = new ReadablePuller<AllStreamResolvedEvent>(read);
      const newest = await puller.next();
      return newest ? positionOf(newest) : 0;
    } catch (error) {
      throw translateEventStoreDbError(error);
    } finally {
      await read.cancel().catch(() => undefined);
    }
  }

  /** For servers that answer an append without a position. */
  private async lastPositionOf(streamId: string): Promise<number> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last?.position ?? 0;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB event store is closed');
  }
}

/**
 * Pulls events until `limit` of them are accepted or the read ends, then cancels the call, so a
 * read never buffers more of $all than one page needs.
 */
async function collect(
  read: StreamingRead<ResolvedEvent | AllStreamResolvedEvent>,
  accept: (event: RecordedEvent) => boolean,
  limit: number,
): Promise<RecordedEvent[]> {
  const puller = new ReadablePuller<ResolvedEvent | AllStreamResolvedEvent>(read);
  const events: RecordedEvent[] = [];
  try {
    while (events.length < limit) {
      const resolved = await puller.next();
      if (resolved === undefined) break;
      const event = toRecordedEvent(resolved);
      if (event && accept(event)) events.push(event);
    }
    return events;
  } finally {
    await read.cancel().catch(() => undefined);
  }
}
