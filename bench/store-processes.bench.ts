/**
 * npm run bench -- store-processes [--appends=8000] [--processes=1,2] [--rounds=2] [--writer=event-loop]
 * The embedded SQLite store's write path as PATCH /accounts/me uses it, without HTTP: each process
 * (one per worker) appends edit-shaped pairs of events (AccountFirstNameChanged,
 * AccountLastNameChanged) to its own 16 account streams, 16 appends at a time, on one store file with
 * synchronous=full; the first process also runs a live subscription to account events (the
 * directory projection's wake-ups and page reads, no read model). The same total of appends with one
 * process and with two, in turns; prints appends/s and CPU per append (user and system, every
 * process), and group commit tries per append. What a second worker costs the store, apart from the
 * HTTP stack.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@accounts/event-store';
import { figure, print, writeResults, type BenchFigure } from './lib/measure';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const APPENDS = Number(arg('appends', '8000'));
const PROCESSES = arg('processes', '1,2').split(',').map(Number);
const ROUNDS = Number(arg('rounds', '2'));
const WRITER = arg('writer', 'event-loop') as 'thread' | 'event-loop';
const CONCURRENCY = 16;

interface ChildReport {
  readonly userUs: number;
  readonly systemUs: number;
  readonly commits: number;
  readonly delivered: number;
}

/** In a child: appends its share once told to, then reports its CPU. */
async function child(path: string, index: number, appends: number): Promise<void> {
  const store = new SqliteEventStore({ path, writer: WRITER });
  let commits = 0;
  const writer = (store as unknown as { writer: { flush?: () => void; send?: () => void } }).writer;
  for (const method of ['flush', 'send'] as const) {
    const original = writer[method]?.bind(writer);
    if (original) writer[method] = () => (commits++, original());
  }
  let delivered = 0;
  const subscription =
    index === 0
      ? store.subscribe({
          fromPosition: await store.headPosition(),
          filter: { eventTypes: ['AccountFirstNameChanged', 'AccountLastNameChanged'] },
        })
      : undefined;
  const consuming = subscription
    ? (async () => {
        for await (const event of subscription) if (event) delivered++;
      })()
    : undefined;
  process.send?.('ready');
  await once(process, 'message');
  const revisions = new Map<string, number>();
  const cpu0 = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, slot) => {
      const streamId = `account-p${process.pid}s${slot}`;
      while (next < appends) {
        const i = next++;
        const expected = revisions.get(streamId) ?? 'no_stream';
        const metadata = { correlationId: 'c', causationId: 'c', actor: { kind: 'user' } };
        const result = await store.append(
          streamId,
          [
            {
              type: 'AccountFirstNameChanged',
              data: { accountId: streamId, from: 'x', to: `F${i}` },
              metadata,
            },
            {
              type: 'AccountLastNameChanged',
              data: { accountId: streamId, from: 'x', to: `L${i}` },
              metadata,
            },
          ],
          expected,
        );
        revisions.set(streamId, result.nextRevision);
      }
    }),
  );
  // The subscription's last wake-ups belong to this round.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const cpu = process.cpuUsage(cpu0);
  await subscription?.stop();
  await consuming;
  await store.close();
  const report: ChildReport = { userUs: cpu.user, systemUs: cpu.system, commits, delivered };
  process.send?.(report);
}

async function round(path: string, processes: number): Promise<BenchFigure[]> {
  const children = Array.from({ length: processes }, (_, index) =>
    fork(__filename, ['--child', path, String(index), String(Math.ceil(APPENDS / processes))], {
      execArgv: ['-r', '@swc-node/register'],
    }),
  );
  await Promise.all(children.map((c) => once(c, 'message')));
  const started = performance.now();
  const reports = children.map(
    (c) =>
      new Promise<ChildReport>((resolve) => c.once('message', (m) => resolve(m as ChildReport))),
  );
  children.forEach((c) => c.send('go'));
  const done = await Promise.all(reports);
  const seconds = (performance.now() - started - 100) / 1000;
  await Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : undefined)));
  const sum = (f: (r: ChildReport) => number) => done.reduce((s, r) => s + f(r), 0);
  const label = `${processes} process${processes > 1 ? 'es' : ''}`;
  return [
    figure(`appends, ${label}, ${CONCURRENCY} at a time each`, APPENDS / seconds, 'appends/s'),
    figure(`  CPU per append, ${label}`, sum((r) => r.userUs + r.systemUs) / APPENDS, 'µs'),
    figure(`  of which system, ${label}`, sum((r) => r.systemUs) / APPENDS, 'µs'),
    figure(`  appends per group commit try, ${label}`, APPENDS / sum((r) => r.commits), ''),
    figure(
      `  events delivered to the subscription, ${label}`,
      sum((r) => r.delivered),
      '',
    ),
  ];
}

async function main(): Promise<void> {
  console.log(
    `store-processes: ${APPENDS} edit-shaped appends per round, processes ${PROCESSES.join(', ')}, writer ${WRITER}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-processes-'));
  const figures: BenchFigure[] = [];
  try {
    for (let r = 1; r <= ROUNDS; r++)
      for (const processes of PROCESSES) {
        const path = join(dir, `r${r}p${processes}.sqlite`);
        // The file exists with its schema before the children open it together.
        await new SqliteEventStore({ path }).close();
        for (const f of await round(path, processes)) {
          figures.push(f);
          print(f);
        }
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeResults('store-processes', figures);
}

if (process.argv[2] === '--child') {
  child(process.argv[3], Number(process.argv[4]), Number(process.argv[5])).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
