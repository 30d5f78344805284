/**
 * A separate OS process feeding a read model from Kafka that kills itself with SIGKILL in the
 * middle of a read-model batch, after `apply` handled its N-th event.
 * Usage: consumer-child <readPath> <brokers> <topic> <groupId> <killAtApply>
 */
import { ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { KafkaEventSource } from '../index';
import { accountEmails, silentLogger } from './fixtures';

async function main(): Promise<void> {
  const [readPath, brokers, topic, groupId, killAt] = process.argv.slice(2);
  let applied = 0;
  const runner = new ProjectionRunner({
    database: new ReadModelDatabase({ path: readPath }),
    source: new KafkaEventSource({
      kafka: { brokers },
      groupId,
      topics: [topic],
      sessionTimeout: 3000,
    }),
    projections: [
      accountEmails({
        afterApply: () => {
          if (++applied === Number(killAt)) process.kill(process.pid, 'SIGKILL');
        },
      }),
    ],
    batchSize: 50,
    batchMs: 10_000,
    logger: silentLogger,
  });
  await runner.start();
  await new Promise(() => undefined);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
