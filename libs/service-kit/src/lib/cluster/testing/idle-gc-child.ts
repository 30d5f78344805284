/**
 * A process that is busy for a moment making garbage (as a worker under load), then goes quiet.
 * Usage: node --expose-gc -r @swc-node/register idle-gc-child.ts <WORKER_IDLE_GC_MS> [quiet ms, 3000]
 * Prints one JSON line: its V8 heap, young generation and RSS (MiB) at the end of the load and that
 * far into the quiet, how many times the idle collection ran (full collections; scavenges apart), and
 * how many times a whenIdle release ran before the first collection.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { type ExposedGc, startIdleGc, whenIdle } from '../idle-gc';

let collections = 0;
let scavenges = 0;
// What bootstrapService registers (the folded aggregate states): released before the collection.
let releasedBeforeCollection = 0;
whenIdle(() => (releasedBeforeCollection += collections === 0 ? 1 : 0));
const gc = (globalThis as { gc?: ExposedGc }).gc;
startIdleGc(
  Number(process.argv[2]),
  gc &&
    ((options) => {
      if (options?.type === 'minor') scavenges++;
      else collections++;
      gc(options);
    }),
);
const quietMs = Number(process.argv[3] ?? 3_000);
const mib = () => {
  const usage = process.memoryUsage();
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return {
    heapMiB: usage.heapTotal / 1048576,
    rssMiB: usage.rss / 1048576,
    youngMiB: (young?.space_size ?? 0) / 1048576,
  };
};
// ~20 MiB live, like a worker's app; the load's garbage: what it held while busy (promoted to the old
// generation, as requests' data is under load), let go when the load ends.
const live = Array.from({ length: 200_000 }, (_, i) => ({ i, text: `live ${i}` }));
let held: unknown[] = [];
const deadline = Date.now() + 1_500;
const churn = () => {
  for (let i = 0; i < 50_000; i++) held.push({ i, text: `garbage ${i}` });
  if (held.length > 300_000) held = [];
  if (Date.now() < deadline) {
    setImmediate(churn);
    return;
  }
  held = [];
  const atEnd = mib();
  setTimeout(() => {
    process.stdout.write(
      `${JSON.stringify({ atEnd, quiet: mib(), collections, scavenges, releasedBeforeCollection, live: live.length })}\n`,
    );
  }, quietMs);
};
churn();
