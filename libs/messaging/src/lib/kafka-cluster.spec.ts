import type { SqliteEventStore } from '@accounts/event-store';
import {
  type ProjectionRunner,
  ReadModelDatabase,
  ProjectionRunner as Runner,
} from '@accounts/projections';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  accountEmails,
  appendAccountEvents,
  eventually,
  openStore,
  silentLogger,
  tempDir,
  WORKSPACE,
} from '../test/fixtures';
import { kafkaHere } from '../test/kafka-broker';
import { expectedByKey, firstDeliveriesByKey, readTopic } from '../test/topic-reader';
import { KafkaEventSource } from './kafka-event-source';
import { KafkaRelay } from './kafka-relay';
import { SqliteRelayCheckpoint } from './relay-checkpoint';

type ClusterHarness = typeof import('../../../../tools/kafka/cluster.cjs');
type KafkaCluster = Awaited<ReturnType<ClusterHarness['startKafkaCluster']>>;
// tools/ is plain Node, not an Nx project: load the cluster harness by path.
const { startKafkaCluster }: ClusterHarness = require(
  join(WORKSPACE, 'tools', 'kafka', 'cluster.cjs'),
);

interface Row {
  account_id: string;
  email: string;
  changes: number;
}
const rows = (database: ReadModelDatabase): Row[] =>
  database.all<Row>('SELECT * FROM account_emails ORDER BY account_id');

const title = 'Kafka cluster of three brokers (RF 3, min.insync.replicas 2) under faults';
const describeCluster = kafkaHere.ok ? describe : describe.skip;

describeCluster(kafkaHere.ok ? title : `${title} (skipped: ${kafkaHere.reason})`, () => {
  let cluster: KafkaCluster;
  let kafka: Kafka;
  let dir: string;
  let store: SqliteEventStore;
  let checkpoint: SqliteRelayCheckpoint;
  const relays: KafkaRelay[] = [];
  const runners: ProjectionRunner[] = [];
  const databases: ReadModelDatabase[] = [];

  beforeAll(async () => {
    cluster = await startKafkaCluster({ size: 3 });
    kafka = new Kafka({
      brokers: cluster.brokers.split(','),
      clientId: 'cluster-test',
      logLevel: logLevel.NOTHING,
    });
  }, 240_000);
  afterAll(async () => {
    // KAFKA_KEEP_DATA=1 keeps the nodes' folders (broker.log of each node) for reading after a failure.
    const keep = process.env['KAFKA_KEEP_DATA'] === '1';
    await cluster?.stop({ removeData: !keep });
    if (keep && cluster) process.stderr.write(`Kafka cluster data kept in ${cluster.dataDir}\n`);
  }, 60_000);

  beforeEach(() => {
    dir = tempDir('kafka-cluster-');
    store = openStore(join(dir, 'events.sqlite'));
    checkpoint = SqliteRelayCheckpoint.open(join(dir, 'relay.sqlite'), 'profile-service');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    for (const database of databases.splice(0)) database.close();
    checkpoint.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    // Every node up again for the next test.
    for (const node of cluster.nodes) node.start();
    await cluster.waitUntilReady(3);
  }, 240_000);

  const startRelay = (topic: string) => {
    const relay = new KafkaRelay({
      name: 'profile-service',
      store,
      filter: { streamPrefixes: ['account-'] },
      topic,
      kafka: { brokers: cluster.brokers },
      checkpoint,
      replicationFactor: 3,
      retryInitialMs: 100,
      retryMaxMs: 1000,
      logger: silentLogger,
    });
    relays.push(relay);
    relay.start();
    return relay;
  };

  const startRunner = async (
    name: string,
    source: ConstructorParameters<typeof Runner>[0]['source'],
  ) => {
    const database = new ReadModelDatabase({ path: join(dir, name) });
    databases.push(database);
    const runner = new Runner({
      database,
      source,
      projections: [accountEmails()],
      batchSize: 50,
      logger: silentLogger,
      restartDelayMs: 200,
    });
    runners.push(runner);
    await runner.start();
    return { runner, database };
  };

  const kafkaSource = (topic: string) =>
    new KafkaEventSource({
      kafka: { brokers: cluster.brokers },
      groupId: `auth-service.${topic}`,
      topics: [topic],
      sessionTimeout: 6000,
      logger: silentLogger,
    });

  /** Appends account events in small bursts until `until()` says stop; returns how many appends ran. */
  async function keepAppending(until: () => boolean, prefix: string): Promise<number> {
    let bursts = 0;
    while (!until()) {
      await appendAccountEvents(store, 4, 12, `${prefix}${bursts++}-`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return bursts;
  }

  async function expectTopicEqualsStore(topic: string): Promise<void> {
    const events = await store.readAll({
      filter: { streamPrefixes: ['account-'] },
      maxCount: 1_000_000,
    });
    const messages = await readTopic(kafka, topic, 60_000);
    // No event lost, each account's events in store order (duplicates of at-least-once aside).
    expect(new Set(messages.map((m) => m.headers['eventId'])).size).toBe(events.length);
    expect(firstDeliveriesByKey(messages)).toEqual(expectedByKey(events));
  }

  // Was quarantined (2 failures in 3 CI runs) as "the Kafka-fed consumer does not recover after
  // coordinator failover". The kafkajs debug log showed the consumer had caught up with the topic: the
  // topic itself lacked events. kafkajs's send() retry re-sends only to brokers that have not answered,
  // so the killed leader's messages were dropped when its partition moved to a broker that had answered;
  // the relay now retries whole batches itself (RELAY_PRODUCER_CONFIG). The topic is checked before the
  // read model, so a failure says which side lost events.
  it('kill -9 of one broker while relays publish and consumers read: nothing lost, order per account kept, read models equal', async () => {
    const topic = 'test.cluster.kill-one';
    const relay = startRelay(topic);
    await appendAccountEvents(store, 10, 90, 'before');
    await eventually(
      async () => (await relay.status()).lag === 0,
      60_000,
      'first events published',
    );

    const admin = kafka.admin();
    await admin.connect();
    const [described] = (
      await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
        includeSynonyms: false,
      })
    ).resources;
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    expect(
      described.configEntries.find((entry) => entry.configName === 'min.insync.replicas')
        ?.configValue,
    ).toBe('2');
    expect(metadata.topics[0].partitions.every((p) => p.replicas.length === 3)).toBe(true);

    const fromKafka = await startRunner('auth-read.sqlite', kafkaSource(topic));
    const reference = await startRunner('reference-read.sqlite', store);

    // The node leading partition 0 dies mid-traffic, stays down a while, then comes back.
    const leader = cluster.nodes.find(
      (n) => n.nodeId === metadata.topics[0].partitions.find((p) => p.partitionId === 0)?.leader,
    );
    if (!leader) throw new Error('no leader for partition 0');
    let phase: 'down' | 'back' | 'done' = 'down';
    const appending = keepAppending(() => phase === 'done', 'during');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await leader.kill();
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    leader.start();
    phase = 'back';
    await cluster.waitUntilReady(3);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    phase = 'done';
    const bursts = await appending;
    expect(bursts).toBeGreaterThan(10);

    await eventually(
      async () => (await relay.status()).lag === 0,
      90_000,
      'relay caught up after the broker came back',
    );
    // The relay's side first: every event on the topic, in order per account.
    await expectTopicEqualsStore(topic);
    const head = await store.headPosition();
    await reference.runner.waitForPosition(head, 30_000);
    await eventually(
      () => JSON.stringify(rows(fromKafka.database)) === JSON.stringify(rows(reference.database)),
      90_000,
      'Kafka-fed read model equals the store-fed one',
    );
    // `changes` counts applications: equal rows mean every event applied exactly once.
    expect(rows(fromKafka.database)).toEqual(rows(reference.database));
    expect(rows(reference.database).length).toBe(10 + bursts * 4);
  }, 300_000);

  // The kafkajs defect behind the old quarantine, made to happen every time: a leader that stops answering
  // (SIGSTOP) while the relay's send is in flight to it and to the other leaders, then dies (-9). kafkajs's own
  // retry would send only to brokers without an answer, and the dead leader's partition moves to one that has.
  it('a leader frozen then killed in the middle of a send: the whole batch is on the topic', async () => {
    const topic = 'test.cluster.frozen-leader';
    const relay = startRelay(topic);
    await appendAccountEvents(store, 6, 30, 'warm');
    await eventually(
      async () => (await relay.status()).lag === 0,
      60_000,
      'first events published',
    );
    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    const leaders = new Set(metadata.topics[0].partitions.map((p) => p.leader));
    expect(leaders.size).toBeGreaterThan(1);
    const frozen = cluster.nodes.find(
      (n) => n.nodeId === metadata.topics[0].partitions.find((p) => p.partitionId === 0)?.leader,
    );
    if (!frozen?.pid) throw new Error('no leader for partition 0');
    process.kill(frozen.pid, 'SIGSTOP');
    try {
      // Spread over every partition: the send goes to the frozen leader and to the others.
      await appendAccountEvents(store, 12, 36, 'frozen');
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await frozen.kill();
    }
    await eventually(
      async () => (await relay.status()).lag === 0,
      90_000,
      'relay caught up without the killed leader',
    );
    frozen.start();
    await cluster.waitUntilReady(3);
    await expectTopicEqualsStore(topic);
  }, 240_000);

  it('two brokers down: the relay waits without acknowledging (no loss) and resumes when one returns', async () => {
    const topic = 'test.cluster.two-down';
    const relay = startRelay(topic);
    await appendAccountEvents(store, 5, 45, 'before');
    await eventually(
      async () => (await relay.status()).lag === 0,
      60_000,
      'first events published',
    );
    const acknowledged = checkpoint.read();

    const [survivor, first, second] = cluster.nodes;
    await Promise.all([first.kill(), second.kill()]);
    await appendAccountEvents(store, 5, 45, 'during');
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const during = await relay.status();
    // One replica of three cannot satisfy min.insync.replicas=2: nothing is acknowledged, so the checkpoint stays.
    expect(checkpoint.read()).toBe(acknowledged);
    expect(during.lag).toBeGreaterThan(0);
    expect(survivor.alive()).toBe(true);

    first.start();
    await cluster.waitUntilReady(2);
    await appendAccountEvents(store, 5, 20, 'after');
    await eventually(
      async () => (await relay.status()).lag === 0,
      120_000,
      'relay resumed with two brokers of three',
    );
    const events = await store.readAll({
      filter: { streamPrefixes: ['account-'] },
      maxCount: 100_000,
    });
    expect(checkpoint.read()).toBe(events[events.length - 1].position);
    await expectTopicEqualsStore(topic);
  }, 300_000);
});
