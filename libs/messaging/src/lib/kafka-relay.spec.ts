import type { SqliteEventStore } from '@accounts/event-store';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from '../test/child-process';
import {
  appendAccountEvents,
  eventually,
  openStore,
  registered,
  silentLogger,
  tempDir,
} from '../test/fixtures';
import { describeWithKafka, startKafka, useBroker } from '../test/kafka-broker';
import { expectedByKey, firstDeliveriesByKey, readTopic, topicCount } from '../test/topic-reader';
import { KafkaRelay, type KafkaRelayOptions } from './kafka-relay';
import { SqliteRelayCheckpoint } from './relay-checkpoint';

/** How long the broker stays down while events keep being appended. */
// The issue asks for a broker that comes back a minute later.
const OUTAGE_MS = 60_000;

describeWithKafka('KafkaRelay with a real broker', () => {
  const env = useBroker();
  let dir: string;
  let store: SqliteEventStore;
  let checkpoint: SqliteRelayCheckpoint;
  const relays: KafkaRelay[] = [];

  beforeEach(() => {
    dir = tempDir('relay-');
    store = openStore(join(dir, 'events.sqlite'));
    checkpoint = SqliteRelayCheckpoint.open(join(dir, 'relay.sqlite'), 'profile-service');
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    checkpoint.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const startRelay = (topic: string, options: Partial<KafkaRelayOptions> = {}): KafkaRelay => {
    const relay = new KafkaRelay({
      name: 'profile-service',
      store,
      filter: { streamPrefixes: ['account-'] },
      topic,
      kafka: { brokers: env.broker.brokers },
      checkpoint,
      retryInitialMs: 100,
      retryMaxMs: 1000,
      logger: silentLogger,
      ...options,
    });
    relays.push(relay);
    relay.start();
    return relay;
  };

  const ourEvents = async () =>
    store.readAll({ filter: { streamPrefixes: ['account-'] }, maxCount: 100_000 });

  it('publishes every event of its streams, keyed by account, in order per key, with the envelope and headers', async () => {
    await appendAccountEvents(store, 10, 290);
    // Another service's stream in the same store: not ours to publish.
    await store.append('credential-c1', [registered('other')]);
    const head = await store.headPosition();
    const relay = startRelay('test.relay.order');

    await eventually(async () => (await relay.status()).lag === 0, 30_000, 'relay caught up');
    const messages = await readTopic(env.kafka, 'test.relay.order');
    const events = await ourEvents();

    expect(messages).toHaveLength(300);
    expect(checkpoint.read()).toBe(events[events.length - 1].position);
    expect(await relay.status()).toMatchObject({
      position: head - 1,
      headPosition: head,
      lag: 0,
      published: 300,
      connected: true,
    });
    // The topic was created with KAFKA_TOPIC_PARTITIONS (default 3) partitions; a key stays on one.
    expect(new Set(messages.map((m) => m.partition)).size).toBe(3);
    for (const key of new Set(messages.map((m) => m.key))) {
      expect(new Set(messages.filter((m) => m.key === key).map((m) => m.partition)).size).toBe(1);
    }
    expect(firstDeliveriesByKey(messages)).toEqual(expectedByKey(events));
    const [first] = messages.filter((m) => m.key === 'acc0').sort((a, b) => a.offset - b.offset);
    const [stored] = events.filter((event) => event.eventId === first.headers['eventId']);
    expect(JSON.parse(first.value)).toEqual(stored);
    expect(first.headers).toEqual({
      type: 'AccountRegistered',
      eventId: stored.eventId,
      schemaVersion: '1',
      correlationId: 'corr-0',
    });
  }, 60_000);

  it(
    `moves its checkpoint only after Kafka acknowledged, and loses nothing while the broker is down for ${OUTAGE_MS / 1000} s`,
    async () => {
      const topic = 'test.relay.outage';
      const relay = startRelay(topic);
      await appendAccountEvents(store, 5, 95, 'before');
      await eventually(
        async () => (await relay.status()).lag === 0,
        30_000,
        'first events published',
      );
      const acknowledged = checkpoint.read();

      await env.broker.stop();
      const outageEnds = Date.now() + OUTAGE_MS;
      let appended = 0;
      while (Date.now() < outageEnds) {
        await appendAccountEvents(store, 5, 20, `during${appended++}-`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const during = await relay.status();
      expect(checkpoint.read()).toBe(acknowledged);
      expect(during).toMatchObject({ position: acknowledged, connected: false });
      expect(during.lag).toBeGreaterThan(0);
      expect(during.error).toBeDefined();

      env.broker = await startKafka({ dataDir: env.broker.dataDir });
      await appendAccountEvents(store, 5, 45, 'after');
      await eventually(
        async () => (await relay.status()).lag === 0,
        60_000,
        'relay caught up after the outage',
      );

      const events = await ourEvents();
      const messages = await readTopic(env.kafka, topic);
      expect(checkpoint.read()).toBe(events[events.length - 1].position);
      expect(new Set(messages.map((m) => m.headers['eventId'])).size).toBe(events.length);
      expect(firstDeliveriesByKey(messages)).toEqual(expectedByKey(events));
      expect((await relay.status()).error).toBeUndefined();
    },
    OUTAGE_MS + 120_000,
  );

  it('resumes from its checkpoint after being killed with SIGKILL between ack and checkpoint: duplicates, no loss', async () => {
    const topic = 'test.relay.crash';
    await appendAccountEvents(store, 20, 980);
    const checkpointPath = join(dir, 'relay.sqlite');

    // Batches of 100: the third one reached Kafka, then the process died before moving the checkpoint.
    const child = await runChild(
      'relay-child.ts',
      [join(dir, 'events.sqlite'), checkpointPath, env.broker.brokers, topic, '3'],
      60_000,
    );
    expect(child).toMatchObject({ signal: 'SIGKILL', timedOut: false, stderr: '' });
    const events = await ourEvents();
    const childCheckpoint = SqliteRelayCheckpoint.open(checkpointPath, 'relay-child');
    expect(childCheckpoint.read()).toBe(events[199].position);
    expect(await topicCount(env.kafka, topic)).toBe(300);

    const relay = startRelay(topic, { name: 'relay-child', checkpoint: childCheckpoint });
    await eventually(
      async () => (await relay.status()).lag === 0,
      30_000,
      'restarted relay caught up',
    );
    expect(childCheckpoint.read()).toBe(events[999].position);

    const messages = await readTopic(env.kafka, topic);
    expect(messages).toHaveLength(1100);
    expect(new Set(messages.map((m) => m.headers['eventId'])).size).toBe(1000);
    expect(firstDeliveriesByKey(messages)).toEqual(expectedByKey(events));
    await relay.stop();
    childCheckpoint.close();
  }, 120_000);
});
