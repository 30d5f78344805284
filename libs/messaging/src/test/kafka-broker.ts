import type { Kafka } from 'kafkajs';
import { join } from 'node:path';
import { testKafka, WORKSPACE } from './fixtures';

type Harness = typeof import('../../../../tools/kafka/broker.cjs');
export type KafkaBroker = Awaited<ReturnType<Harness['startKafka']>>;

// tools/ is plain Node, not an Nx project: load the broker harness by path.
const harness: Harness = require(join(WORKSPACE, 'tools', 'kafka', 'broker.cjs'));

export const startKafka = harness.startKafka;

/** Decided at load time: jest needs to know whether to skip before beforeAll runs. */
export const kafkaHere = harness.kafkaAvailability();

/** A describe that needs a real broker; skipped, with the reason in its title, where Java or the jars are missing. */
export function describeWithKafka(title: string, body: () => void): void {
  if (kafkaHere.ok) describe(title, body);
  else describe.skip(`${title} (skipped: ${kafkaHere.reason})`, body);
}

/** Cold: Maven resolves the jars (~25 s) and the storage is formatted before the broker starts. */
export const BROKER_START_TIMEOUT_MS = 180_000;

export interface BrokerHandle {
  /** Reassign after a restart (`startKafka({ dataDir: broker.dataDir })`); afterAll stops the current one. */
  broker: KafkaBroker;
  kafka: Kafka;
}

/** One real broker for the enclosing describe: started in beforeAll, stopped and removed in afterAll. */
export function useBroker(): BrokerHandle {
  const handle = {} as BrokerHandle;
  beforeAll(async () => {
    handle.broker = await startKafka();
    handle.kafka = testKafka(handle.broker.brokers);
  }, BROKER_START_TIMEOUT_MS);
  afterAll(async () => {
    await handle.broker?.stop({ removeData: true });
  }, 30_000);
  return handle;
}
