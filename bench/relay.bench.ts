/**
 * npm run bench -- relay [--events=100000] [--rate=1000] [--seconds=20] [--batch=500]
 * Store -> Kafka relay with a real single-node broker (tools/kafka): events/s at full speed over a
 * filled store, a Kafka source's catch-up events/s over the topic, and the latency from append to a
 * consumer seeing the event at a steady rate. Prints figures and writes bench/results/relay.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileStreamPrefixes } from '@accounts/contracts';
import { SqliteEventStore, type NewEvent, type RecordedEvent } from '@accounts/event-store';
import { KafkaEventSource, KafkaRelay, SqliteRelayCheckpoint } from '@accounts/messaging';
import { startKafka } from '../tools/kafka/broker.cjs';
import { figure, Latencies, now, print, writeResults, type BenchFigure } from './lib/measure';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const EVENTS = arg('events', 100_000);
const RATE = arg('rate', 1000);
const SECONDS = arg('seconds', 20);
const BATCH = arg('batch', 500);
const ACCOUNTS = 1000;

const event = (i: number, sentAt?: number): NewEvent => ({
  type: 'AccountEmailChanged',
  data: { accountId: `a${i % ACCOUNTS}`, email: `user${i}@example.com`, sentAt },
  metadata: {
    correlationId: `c-${i}`,
    causationId: `c-${i}`,
    actor: { kind: 'user', accountId: `a${i % ACCOUNTS}` },
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-relay-'));
  const figures: BenchFigure[] = [];
  const report = (f: BenchFigure) => (figures.push(f), print(f));
  let started = now();
  const broker = await startKafka();
  console.log(
    `relay benchmark: Kafka ${broker.brokers} started in ${((now() - started) / 1000).toFixed(1)} s; data in ${dir}`,
  );
  const store = new SqliteEventStore({
    path: join(dir, 'events.sqlite'),
    synchronous: 'full',
    pollIntervalMs: 10,
  });
  const kafka = { brokers: broker.brokers };
  try {
    // 1. Full speed: a filled store, relay started from checkpoint 0.
    process.stdout.write(`filling the store with ${EVENTS.toLocaleString('en')} events ...`);
    for (let written = 0; written < EVENTS; written += 1000) {
      await store.append(
        `account-fill${written % 997}`,
        Array.from({ length: Math.min(1000, EVENTS - written) }, (_, i) => event(written + i)),
      );
    }
    console.log(' done');
    const checkpoint = SqliteRelayCheckpoint.open(join(dir, 'relay.sqlite'), 'bench');
    const relay = new KafkaRelay({
      name: 'bench',
      store,
      filter: { streamPrefixes: [ProfileStreamPrefixes.account] },
      topic: 'bench.relay.full',
      kafka,
      checkpoint,
      batchSize: BATCH,
    });
    started = now();
    relay.start();
    const head = await store.headPosition();
    await waitFor(async () => checkpoint.read() >= head, 600_000);
    const elapsed = now() - started;
    report(
      figure(
        `relay store -> topic, ${EVENTS.toLocaleString('en')} events, batches of ${BATCH}`,
        (EVENTS / elapsed) * 1000,
        'events/s',
        undefined,
        'acks=all, idempotent, 1 in flight; includes connect and topic creation',
      ),
    );
    await relay.stop();

    // 2. A Kafka source reading that topic from the start (what a fresh read model sees).
    const catchUp = new KafkaEventSource({
      kafka,
      groupId: 'bench-catch-up',
      topics: ['bench.relay.full'],
    });
    started = now();
    const subscription = catchUp.subscribe({ fromPosition: 0 });
    let seen = 0;
    let page: RecordedEvent[] = [];
    for await (const recorded of subscription) {
      page.push(recorded);
      seen++;
      if (page.length === 500 || seen >= EVENTS) {
        await subscription.acknowledge?.(page);
        page = [];
      }
      if (seen >= EVENTS) break;
    }
    report(
      figure(
        `Kafka source catch-up over the topic, ${EVENTS.toLocaleString('en')} events`,
        (EVENTS / (now() - started)) * 1000,
        'events/s',
      ),
    );
    await subscription.stop();

    // 3. Steady rate: append -> relay -> Kafka -> Kafka source, latency per event.
    const liveCheckpoint = SqliteRelayCheckpoint.open(join(dir, 'relay.sqlite'), 'bench-live');
    liveCheckpoint.write(await store.headPosition());
    const live = new KafkaRelay({
      name: 'bench-live',
      store,
      filter: { streamPrefixes: ['live-'] },
      topic: 'bench.relay.live',
      kafka,
      checkpoint: liveCheckpoint,
    });
    live.start();
    const latencies = new Latencies();
    const total = RATE * SECONDS;
    const source = new KafkaEventSource({
      kafka,
      groupId: 'bench-live',
      topics: ['bench.relay.live'],
    });
    const liveSubscription = source.subscribe({ fromPosition: 0 });
    const consumed = (async () => {
      let count = 0;
      for await (const recorded of liveSubscription) {
        latencies.add(now() - (recorded.data as { sentAt: number }).sentAt);
        if (++count % 100 === 0) await liveSubscription.acknowledge?.([recorded]);
        if (count >= total) break;
      }
    })();
    // Let the consumer join its group before the clock starts.
    await sleep(3000);
    const appends: Promise<unknown>[] = [];
    const begin = now();
    for (let i = 0; i < total; ) {
      const due = Math.min(total, Math.floor(((now() - begin) / 1000) * RATE) + 1);
      for (; i < due; i++) appends.push(store.append(`live-a${i % ACCOUNTS}`, [event(i, now())]));
      await sleep(1);
    }
    await Promise.all(appends);
    await Promise.race([consumed, sleep(60_000)]);
    report(
      figure(
        `append -> consumer at ${RATE} events/s for ${SECONDS} s`,
        latencies.count,
        'events seen',
        latencies,
        'relay + broker + Kafka source',
      ),
    );
    await liveSubscription.stop();
    await live.stop();
    checkpoint.close();
    liveCheckpoint.close();

    const file = writeResults('relay', figures, {
      events: EVENTS,
      rate: RATE,
      seconds: SECONDS,
      kafka: 'single node, KRaft, 127.0.0.1',
    });
    console.log(`results written to ${file}`);
  } finally {
    await store.close();
    await broker.stop({ removeData: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
