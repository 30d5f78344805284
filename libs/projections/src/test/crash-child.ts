/**
 * A separate OS process running the projection runner that kills itself with SIGKILL in the
 * middle of a batch, after `apply` wrote the row of the event at `crashAtPosition`.
 * Usage: crash-child <storePath> <readPath> <crashAtPosition>
 */
import { SqliteEventStore } from '@accounts/event-store';
import { ProjectionRunner, ReadModelDatabase } from '../index';
import { accountDirectory, silentLogger } from './fixtures';

async function main(): Promise<void> {
  const [storePath, readPath, crashAt] = process.argv.slice(2);
  const store = new SqliteEventStore({ path: storePath });
  const database = new ReadModelDatabase({ path: readPath });
  const projection = accountDirectory({
    afterWrite: (event) => {
      if (event.position === Number(crashAt)) process.kill(process.pid, 'SIGKILL');
    },
  });
  // Big batches, so that the crash lands in the middle of one.
  const runner = new ProjectionRunner({
    database,
    source: store,
    projections: [projection],
    batchSize: 100,
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
