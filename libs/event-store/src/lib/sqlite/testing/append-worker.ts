/**
 * A separate OS process that appends to a shared SQLite store, for the multi-process and
 * kill -9 tests. Prints one `ack <streamId> <revision> <position> <eventId>` line per acknowledged append.
 * Usage: append-worker <dbPath> <name> <count> <mode: shared|own|exact> [writer: event-loop|thread] [gapMs] [type]
 * (`exact`: every append goes to the stream named <name>; `type`: the events' type, `Appended` by default)
 */
import { randomUUID } from 'node:crypto';
import { WrongExpectedVersionError } from '../../errors';
import { SqliteEventStore } from '../sqlite-event-store';

async function main(): Promise<void> {
  const [path, name, countText, mode, writer, gapText, type] = process.argv.slice(2);
  const gapMs = Number(gapText ?? 0);
  const store = new SqliteEventStore({
    path,
    writer: writer === 'thread' ? 'thread' : 'event-loop',
  });
  const count = Number(countText);
  for (let i = 0; i < count; i++) {
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    const streamId =
      mode === 'shared' ? `shared-${i % 5}` : mode === 'exact' ? name : `own-${name}`;
    const eventId = randomUUID();
    for (;;) {
      const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      try {
        const expected = last ? last.revision : 'no_stream';
        const result = await store.append(
          streamId,
          [{ type: type ?? 'Appended', data: { worker: name, i }, eventId }],
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
  await store.close();
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
