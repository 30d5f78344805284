/**
 * npm run bench -- store [--events=1000000] [--engines=sqlite,postgres]
 * SQLite and PostgreSQL adapters side by side: sequential appends, 32 concurrent writers,
 * conflicting writers, read-all and catch-up subscription over a large store. PostgreSQL runs on a
 * throwaway local server (tools/postgres) with fsync on: every acknowledged append is durable.
 * Prints figures and writes bench/results/store.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PostgresEventStore,
  SqliteEventStore,
  WrongExpectedVersionError,
  type EventStore,
  type NewEvent,
} from '@accounts/event-store';
import { postgresAvailability, startPostgres } from '../tools/postgres/server.cjs';
import {
  figure,
  Latencies,
  now,
  print,
  runConcurrent,
  writeResults,
  type BenchFigure,
} from './lib/measure';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TOTAL_EVENTS = arg('events', 1_000_000);
const ENGINES = (
  process.argv.find((a) => a.startsWith('--engines='))?.split('=')[1] ?? 'sqlite,postgres'
).split(',');
const payload = (i: number): NewEvent => ({
  type: 'AccountEmailChanged',
  data: { from: `old${i}@example.com`, to: `new${i}@example.com` },
  metadata: {
    correlationId: `c-${i}`,
    causationId: `c-${i}`,
    actor: { kind: 'user', accountId: 'a' },
  },
});

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const figures: BenchFigure[] = [];
  const report = (engine: string) => (f: BenchFigure) => {
    const named = { ...f, name: `${engine}: ${f.name}` };
    figures.push(named);
    print(named);
  };
  try {
    if (ENGINES.includes('sqlite')) await benchSqlite(dir, report('SQLite'));
    if (ENGINES.includes('postgres')) await benchPostgres(report('PostgreSQL'));
    const file = writeResults('store', figures, { totalEvents: TOTAL_EVENTS });
    console.log(`results written to ${file}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchSqlite(dir: string, report: (f: BenchFigure) => void): Promise<void> {
  console.log(`store benchmark (SQLite, WAL) in ${dir}`);
  for (const synchronous of ['full', 'normal'] as const) {
    const store = new SqliteEventStore({
      path: join(dir, `append-${synchronous}.sqlite`),
      synchronous,
    });
    console.log(
      `synchronous=${synchronous}${synchronous === 'full' ? ' (default: durable on power loss)' : ' (durable on process crash only)'}`,
    );
    await appends(store, report);
    await store.close();
  }
  const store = new SqliteEventStore({ path: join(dir, 'main.sqlite') });
  await conflictsAndReads(store, report);
  await store.close();
}

async function benchPostgres(report: (f: BenchFigure) => void): Promise<void> {
  const availability = postgresAvailability();
  if (!availability.ok) {
    console.log(`PostgreSQL: skipped (${availability.reason})`);
    return;
  }
  const server = await startPostgres({
    fsync: true,
    settings: { shared_buffers: "'256MB'", max_wal_size: "'2GB'" },
  });
  console.log(
    `store benchmark (PostgreSQL, ${availability.binDir}, fsync on, synchronous_commit on, pool of 10) on port ${server.port}`,
  );
  try {
    const open = (schema: string) =>
      new PostgresEventStore({
        connectionString: server.connectionString,
        schema,
        poolSize: 10,
      });
    const appendStore = open('bench_append');
    await appendStore.migrate();
    await appends(appendStore, report);
    await appendStore.close();
    const store = open('bench_main');
    await conflictsAndReads(store, report);
    await store.close();
  } finally {
    await server.stop();
  }
}

async function appends(store: EventStore, report: (f: BenchFigure) => void): Promise<void> {
  let revision = -1;
  const seq = await runConcurrent(3000, 1, async (i) => {
    revision = (await store.append('seq-1', [payload(i)], revision === -1 ? 'no_stream' : revision))
      .nextRevision;
  });
  report(
    figure(
      `sequential appends, one stream, expected revision`,
      seq.perSecond,
      'appends/s',
      seq.latencies,
    ),
  );
  const par = await runConcurrent(20_000, 32, (i, w) => store.append(`par-${w}`, [payload(i)]));
  report(
    figure(`32 concurrent writers, distinct streams`, par.perSecond, 'appends/s', par.latencies),
  );
}

async function conflictsAndReads(
  store: EventStore,
  report: (f: BenchFigure) => void,
): Promise<void> {
  let retries = 0;
  const conflicting = await runConcurrent(2000, 32, async (i) => {
    for (;;) {
      const [last] = await store.readStream('hot', {
        direction: 'backwards',
        maxCount: 1,
      });
      try {
        return await store.append('hot', [payload(i)], last ? last.revision : 'no_stream');
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        retries++;
      }
    }
  });
  report(
    figure(
      '32 writers on one stream (read, append, retry)',
      conflicting.perSecond,
      'appends/s',
      conflicting.latencies,
      `${(retries / 2000).toFixed(2)} retries per success`,
    ),
  );

  process.stdout.write(`filling the store with ${TOTAL_EVENTS.toLocaleString('en')} events ...`);
  const fillStart = now();
  for (let written = 0; written < TOTAL_EVENTS; written += 1000) {
    await store.append(
      `fill-${written % 997}`,
      Array.from({ length: 1000 }, (_, i) => payload(written + i)),
    );
    if (written % 100_000 === 0) process.stdout.write('.');
  }
  console.log(` ${((now() - fillStart) / 1000).toFixed(1)} s`);

  const head = await store.headPosition();
  const pages = new Latencies();
  let from = 0;
  let read = 0;
  const readStart = now();
  for (;;) {
    const t = now();
    const page = await store.readAll({ fromPosition: from, maxCount: 10_000 });
    pages.add(now() - t);
    if (page.length === 0) break;
    read += page.length;
    from = page[page.length - 1].position;
  }
  report(
    figure(
      `read-all over ${read.toLocaleString('en')} events (pages of 10,000)`,
      (read / (now() - readStart)) * 1000,
      'events/s',
      pages,
      'latency per page',
    ),
  );

  let seen = 0;
  const subStart = now();
  const subscription = store.subscribe({});
  for await (const event of subscription) {
    if (++seen === head || event.position >= head) break;
  }
  await subscription.stop();
  report(
    figure(
      `catch-up subscription over ${seen.toLocaleString('en')} events`,
      (seen / (now() - subStart)) * 1000,
      'events/s',
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
