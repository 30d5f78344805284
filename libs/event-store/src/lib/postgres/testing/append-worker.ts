/**
 * A separate OS process that appends to a shared PostgreSQL store, for the multi-process and
 * kill -9 tests. Prints one `ack <streamId> <revision> <position> <eventId>` line per acknowledged append.
 * Usage: append-worker <connectionString> <schema> <name> <count> <mode: shared|own>
 */
import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '../../errors';
import { PostgresEventStore } from '../postgres-event-store';

async function main(): Promise<void> {
  const [connectionString, schema, name, countText, mode] = process.argv.slice(2);
  const store = new PostgresEventStore({
    connectionString,
    schema,
    poolSize: 4,
  });
  const count = Number(countText);
  // Four appends in flight at once, so the process's group commit batches them as a replica would.
  await Promise.all(
    Array.from({ length: 4 }, async (_, lane) => {
      for (let i = lane; i < count; i += 4) {
        const streamId = mode === 'shared' ? `shared-${i % 5}` : `own-${name}-${lane}`;
        const eventId = randomUUID();
        for (;;) {
          const [last] = await store.readStream(streamId, {
            direction: 'backwards',
            maxCount: 1,
          });
          try {
            const expected = last ? last.revision : 'no_stream';
            const result = await store.append(
              streamId,
              [{ type: 'Appended', data: { worker: name, i }, eventId }],
              expected,
            );
            process.stdout.write(
              `ack ${streamId} ${result.nextRevision} ${result.position} ${eventId}\n`,
            );
            break;
          } catch (error) {
            if (!(error instanceof WrongExpectedVersionError)) throw error;
          }
        }
      }
    }),
  );
  await store.close();
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
