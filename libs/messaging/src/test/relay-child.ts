/**
 * A separate OS process running a relay that kills itself with SIGKILL right after Kafka
 * acknowledged its N-th batch, before the checkpoint moves: the worst moment for a relay.
 * Usage: relay-child <storePath> <checkpointPath> <brokers> <topic> <killAfterBatches>
 */
import { KafkaRelay, SqliteRelayCheckpoint } from '../index';
import { openStore } from './fixtures';

async function main(): Promise<void> {
  const [storePath, checkpointPath, brokers, topic, killAfter] = process.argv.slice(2);
  let batches = 0;
  const relay = new KafkaRelay({
    name: 'relay-child',
    store: openStore(storePath),
    filter: { streamPrefixes: ['account-'] },
    topic,
    kafka: { brokers },
    checkpoint: SqliteRelayCheckpoint.open(checkpointPath, 'relay-child'),
    batchSize: 100,
    batchMs: 10_000,
    afterPublish: () => {
      if (++batches === Number(killAfter)) process.kill(process.pid, 'SIGKILL');
    },
  });
  relay.start();
  await new Promise(() => undefined);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
