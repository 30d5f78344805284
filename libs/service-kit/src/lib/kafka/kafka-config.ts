import { ConfigError } from '../config/config-error';
import { int, oneOf, str } from '../config/config-vars';

/** Kafka variables every service reads; spread into the service's schema. Unset brokers = embedded bus only. */
export const kafkaConfigSchema = {
  KAFKA_BROKERS: str({
    description:
      "Kafka bootstrap servers host:port, comma-separated; set: a relay publishes the service's own events to its topic (accounts.<service>.v1); unset: embedded bus only",
    optional: true,
  }),
  KAFKA_TOPIC_PARTITIONS: int({
    description:
      'Partitions of a topic the service creates when it is missing (existing topics are left as they are)',
    min: 1,
    max: 1000,
    default: 3,
  }),
};

/** For services with read models of profile-service's events (auth-service, credentials-service). */
export const profileEventsSourceConfigSchema = {
  PROFILE_EVENTS_SOURCE: oneOf(['store', 'kafka'], {
    description:
      'Where read models of profile events are fed from: store (the shared event store, embedded bus) or kafka (topic accounts.profile.v2, public events; needs KAFKA_BROKERS)',
    default: 'store',
  }),
};

/** Checked at start: one variable's value depends on another, which a per-variable schema cannot say. */
export function assertProfileEventsSource(config: {
  PROFILE_EVENTS_SOURCE: 'store' | 'kafka';
  KAFKA_BROKERS?: string;
}): void {
  if (config.PROFILE_EVENTS_SOURCE === 'kafka' && !config.KAFKA_BROKERS)
    throw new ConfigError([
      { variable: 'PROFILE_EVENTS_SOURCE', problem: 'kafka needs KAFKA_BROKERS to be set' },
    ]);
}
