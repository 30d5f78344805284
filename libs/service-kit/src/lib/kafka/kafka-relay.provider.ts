import type { EventStore } from '@accounts/event-store';
import { KafkaRelay, type PublicationTableLike, SqliteRelayCheckpoint } from '@accounts/messaging';
import type { ReadModelDatabase } from '@accounts/projections';
import type { Provider, Type } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Registry } from 'prom-client';
import { SERVICE_CONFIG } from '../app/service-kit.options';
import { EVENT_STORE } from '../event-store/event-store.token';
import { HealthIndicatorRegistry } from '../health/health-indicator-registry';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import { nestProjectionLogger } from './nest-projection-logger';
import { RelayHost } from './relay-host';

/** DI token of the service's RelayHost; `null` when KAFKA_BROKERS is unset (embedded bus only). */
export const KAFKA_RELAY_HOST = Symbol('KAFKA_RELAY_HOST');

export interface KafkaRelaySpec<R> {
  /** Names the relay, its checkpoint row and its Kafka client id, e.g. `profile-service`. */
  readonly serviceName: string;
  /** One of `Topics`. */
  readonly topic: string;
  /** The service's own streams: only these are published. */
  readonly streamPrefixes: readonly string[];
  /** Internal event -> public event, or deliberately not published (`ProfilePublication`, …): never the stored event. */
  readonly publication: PublicationTableLike;
  /** The app's read-model provider: the relay's checkpoint lives in its database file. */
  readonly readModels: Type<R>;
  readonly database: (readModels: R) => ReadModelDatabase;
}

interface KafkaSettings {
  readonly KAFKA_BROKERS?: string;
  readonly KAFKA_TOPIC_PARTITIONS?: number;
}

/** The relay's checkpoint row, e.g. `profile-service accounts.profile.v2`. */
export const relayCheckpointName = (serviceName: string, topic: string): string =>
  `${serviceName} ${topic}`;

/**
 * The relay of a service's own events to its topic, when KAFKA_BROKERS is set. Handlers keep
 * appending to the store only (never a dual write); the relay reads the store from its checkpoint.
 * kafkajs (via @accounts/messaging), not @nestjs/microservices' ClientKafka: the checkpoint may move
 * only after Kafka acknowledged a batch (idempotent producer, acks=all), which emit() does not expose.
 */
export function kafkaRelayProvider<R>(spec: KafkaRelaySpec<R>): Provider {
  return {
    provide: KAFKA_RELAY_HOST,
    inject: [
      EVENT_STORE,
      SERVICE_CONFIG,
      spec.readModels,
      HealthIndicatorRegistry,
      HealthIndicatorService,
      METRICS_REGISTRY,
    ],
    useFactory: (
      store: EventStore,
      config: KafkaSettings,
      readModels: R,
      health: HealthIndicatorRegistry,
      indicators: HealthIndicatorService,
      metrics: Registry,
    ): RelayHost | null => {
      if (!config.KAFKA_BROKERS) return null;
      const relay = new KafkaRelay({
        name: spec.serviceName,
        store,
        filter: { streamPrefixes: [...spec.streamPrefixes] },
        topic: spec.topic,
        kafka: { brokers: config.KAFKA_BROKERS },
        // One checkpoint per topic: a new topic version (…v2) is filled from the start of the store.
        checkpoint: new SqliteRelayCheckpoint(
          spec.database(readModels),
          relayCheckpointName(spec.serviceName, spec.topic),
        ),
        publication: spec.publication,
        partitions: config.KAFKA_TOPIC_PARTITIONS,
        logger: nestProjectionLogger('KafkaRelay'),
      });
      return new RelayHost(relay, health, indicators, metrics);
    },
  };
}
