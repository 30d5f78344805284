import type { SqliteEventStore } from '@accounts/event-store';
import { Kafka, type Message, type ProducerConfig, type ProducerRecord } from 'kafkajs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  appendAccountEvents,
  eventually,
  openStore,
  silentLogger,
  tempDir,
} from '../test/fixtures';
import { KafkaRelay } from './kafka-relay';
import { SqliteRelayCheckpoint } from './relay-checkpoint';

/**
 * A Kafka client whose producers record what they were asked to send; the first send fails the way a
 * leader killed mid-request does. No broker: what is tested is the relay's side of a failed send.
 */
function recordingKafka() {
  const configs: ProducerConfig[] = [];
  const acknowledged: Message[][] = [];
  let sends = 0;
  const kafka = new Kafka({
    brokers: ['127.0.0.1:1'],
    clientId: 'resend-test',
  });
  kafka.admin = (() => ({
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => ['test.relay.resend'],
    createTopics: async () => true,
  })) as unknown as Kafka['admin'];
  const real = new Kafka({ brokers: ['127.0.0.1:1'], clientId: 'resend-test' });
  kafka.producer = ((config: ProducerConfig) => {
    // kafkajs checks a producer's settings when it is created (it refuses an idempotent one without retries).
    real.producer(config);
    configs.push(config);
    return {
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async (record: ProducerRecord) => {
        if (sends++ === 0)
          throw Object.assign(new Error('Connection error: read ECONNRESET'), {
            name: 'KafkaJSConnectionError',
          });
        acknowledged.push(record.messages);
        return [];
      },
    };
  }) as unknown as Kafka['producer'];
  return { kafka, configs, acknowledged };
}

describe('KafkaRelay when a send fails (leader killed mid-request)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let checkpoint: SqliteRelayCheckpoint;
  let relay: KafkaRelay | undefined;

  beforeEach(() => {
    dir = tempDir('relay-resend-');
    store = openStore(join(dir, 'events.sqlite'));
    checkpoint = SqliteRelayCheckpoint.open(join(dir, 'relay.sqlite'), 'profile-service');
  });
  afterEach(async () => {
    await relay?.stop();
    checkpoint.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves retrying to itself (kafkajs retries 0) and sends the whole batch again through a fresh producer before the checkpoint moves', async () => {
    const { kafka, configs, acknowledged } = recordingKafka();
    const head = await appendAccountEvents(store, 3, 9, 'r');
    relay = new KafkaRelay({
      name: 'profile-service',
      store,
      filter: { streamPrefixes: ['account-'] },
      topic: 'test.relay.resend',
      kafka,
      checkpoint,
      retryInitialMs: 10,
      retryMaxMs: 20,
      logger: silentLogger,
    });
    relay.start();
    await eventually(() => checkpoint.read() === head, 10_000, 'checkpoint at the head');

    // kafkajs' own retry re-sends only to brokers that did not answer (kafkajs PR #1798): it must be off.
    expect(configs.every((config) => config.retry?.retries === 0)).toBe(true);
    // The failed producer was dropped: the resend went through a second one.
    expect(configs.length).toBeGreaterThanOrEqual(2);
    const sent = acknowledged.flat().map((message) => String(message.headers?.['eventId']));
    const events = await store.readAll({
      filter: { streamPrefixes: ['account-'] },
      maxCount: 100,
    });
    // Every event, in store order, was acknowledged after the failure: nothing of the failed batch was skipped.
    expect(sent).toEqual(events.map((event) => event.eventId));
    expect((await relay.status()).lag).toBe(0);
  });
});
