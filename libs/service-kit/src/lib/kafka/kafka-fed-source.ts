import { ProfilePublication, Topics } from '@accounts/contracts';
import type { EventFilter, EventStore, SubscribeOptions } from '@accounts/event-store';
import { KafkaEventSource, publicEventsOf } from '@accounts/messaging';
import type { EventSource, Projection, SourceSubscription } from '@accounts/projections';
import { assertProfileEventsSource } from './kafka-config';
import { nestProjectionLogger } from './nest-projection-logger';

interface ProfileEventsSettings {
  readonly PROFILE_EVENTS_SOURCE: 'store' | 'kafka';
  readonly KAFKA_BROKERS?: string;
  readonly KAFKA_TOPIC_PARTITIONS?: number;
}

/**
 * The source of a service's projection runner: the store, except for the given projections (read
 * models of profile events, `idempotency: 'eventId'`, filtered by event type): they read profile-service's
 * PUBLIC events — from the profile topic with PROFILE_EVENTS_SOURCE=kafka (one consumer group each,
 * `<service>.<projection>`), else from the shared store through the same publication table the relay
 * uses, so both copies see the same events. Lag and read-your-writes keep asking the store.
 *
 * kafkajs (through @accounts/messaging) rather than @nestjs/microservices: the runner must commit the
 * offsets only after the read-model transaction committed, and park malformed messages on a
 * dead-letter topic; a Nest @EventPattern handler auto-commits and has neither.
 */
export function profileEventsSource(
  store: EventStore,
  config: ProfileEventsSettings,
  serviceName: string,
  projections: readonly Projection[],
): EventSource {
  assertProfileEventsSource(config);
  if (config.PROFILE_EVENTS_SOURCE === 'store' || !config.KAFKA_BROKERS) {
    const filters = new Set(
      projections.map((projection) => projection.filter).filter((filter) => filter !== undefined),
    );
    const published = publicEventsOf(store, ProfilePublication);
    return {
      subscribe: (options: SubscribeOptions): SourceSubscription =>
        (options.filter && filters.has(options.filter) ? published : store).subscribe(options),
      headPosition: () => store.headPosition(),
      readAll: (options) => store.readAll(options),
    };
  }
  const brokers = config.KAFKA_BROKERS;
  // The runner subscribes with `projection.filter` itself: the filter object tells which projection asks.
  const byFilter = new Map<EventFilter | undefined, KafkaEventSource>(
    projections.map((projection) => [
      projection.filter,
      new KafkaEventSource({
        kafka: { brokers },
        groupId: `${serviceName}.${projection.name}`,
        topics: [Topics.profile],
        format: 'public',
        partitions: config.KAFKA_TOPIC_PARTITIONS,
        logger: nestProjectionLogger('KafkaEventSource'),
      }),
    ]),
  );
  return {
    subscribe: (options: SubscribeOptions): SourceSubscription =>
      (byFilter.get(options.filter) ?? store).subscribe(options),
    // A Kafka-fed copy rebuilt at start after a version bump waits for its topic's end offsets.
    endProgress: async (options) => byFilter.get(options.filter)?.endProgress(),
    headPosition: () => store.headPosition(),
    readAll: (options) => store.readAll(options),
  };
}
