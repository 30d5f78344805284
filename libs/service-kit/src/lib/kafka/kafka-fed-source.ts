import { Topics } from '@accounts/contracts';
import type { EventFilter, EventStore, SubscribeOptions } from '@accounts/event-store';
import { KafkaEventSource } from '@accounts/messaging';
import type { EventSource, Projection, SourceSubscription } from '@accounts/projections';
import { assertProfileEventsSource } from './kafka-config';
import { nestProjectionLogger } from './nest-projection-logger';

interface ProfileEventsSettings {
  readonly PROFILE_EVENTS_SOURCE: 'store' | 'kafka';
  readonly KAFKA_BROKERS?: string;
  readonly KAFKA_TOPIC_PARTITIONS?: number;
}

/**
 * The source of a service's projection runner: the store, except that with PROFILE_EVENTS_SOURCE=kafka
 * the given projections (read models of profile events, `idempotency: 'eventId'`) are fed from the
 * profile topic, one consumer group each (`<service>.<projection>`). Lag and read-your-writes keep
 * asking the store, which every service shares.
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
  if (config.PROFILE_EVENTS_SOURCE === 'store' || !config.KAFKA_BROKERS) return store;
  const brokers = config.KAFKA_BROKERS;
  // The runner subscribes with `projection.filter` itself: the filter object tells which projection asks.
  const byFilter = new Map<EventFilter | undefined, KafkaEventSource>(
    projections.map((projection) => [
      projection.filter,
      new KafkaEventSource({
        kafka: { brokers },
        groupId: `${serviceName}.${projection.name}`,
        topics: [Topics.profile],
        partitions: config.KAFKA_TOPIC_PARTITIONS,
        logger: nestProjectionLogger('KafkaEventSource'),
      }),
    ]),
  );
  return {
    subscribe: (options: SubscribeOptions): SourceSubscription => (byFilter.get(options.filter) ?? store).subscribe(options),
    headPosition: () => store.headPosition(),
    readAll: (options) => store.readAll(options),
  };
}
