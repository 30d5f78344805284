/**
 * npm run bench -- store-wake [--appends=200] [--subscriptions=8] [--rounds=2]
 * What another process's appends cost a process that only subscribes to the shared SQLite store with
 * filters that do not match them (profile-service and credentials-service beside sign-ins): a child
 * process appends sign-in-like batches 10 ms apart while this process holds `--subscriptions` live
 * subscriptions; this process's CPU over the run, less its idle CPU over the same wall time (the poll),
 * divided by the appends. Then the same with the appends made in this process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type Subscription } from '@accounts/event-store';
import { figure, print, writeResults, type BenchFigure } from './lib/measure';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const APPENDS = arg('appends', 200);
const SUBSCRIPTIONS = arg('subscriptions', 8);
const ROUNDS = arg('rounds', 2);
const GAP_MS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sign-in's share of the store: two events on a session stream. */
async function appendSignIns(store: SqliteEventStore, count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.append(`session-${tag}-${i}`, [
      { type: 'SessionStarted', data: { i } },
      { type: 'SignInSucceeded', data: { i } },
    ]);
    await sleep(GAP_MS);
  }
}

async function child(path: string, count: number, tag: string): Promise<void> {
  const store = new SqliteEventStore({ path });
  await appendSignIns(store, count, tag);
  await store.close();
}

function runChild(path: string, tag: string): Promise<void> {
  const proc = spawn(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      __filename,
      `--child=${path}`,
      `--appends=${APPENDS}`,
      `--tag=${tag}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: process.env },
  );
  return new Promise((resolve, reject) =>
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child: ${code}`)))),
  );
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** This thread's wake-ups so far (voluntary context switches of the event loop): exact, where CPU ticks are not. */
const wakes = () =>
  Number(
    /voluntary_ctxt_switches:\s+(\d+)/.exec(
      readFileSync(`/proc/${process.pid}/task/${process.pid}/status`, 'utf8'),
    )?.[1] ?? 0,
  );

/** This process's CPU and main-thread wake-ups during `work`, less its idle ones over the same wall time. */
async function cpuBeyondIdle(work: () => Promise<void>): Promise<{ cpu: number; wakes: number }> {
  const started = Date.now();
  const before = process.cpuUsage();
  const wakesBefore = wakes();
  await work();
  await sleep(300); // the last re-wakes
  const busy = cpuMs(before);
  const busyWakes = wakes() - wakesBefore;
  const wall = Date.now() - started;
  const idleBefore = process.cpuUsage();
  const idleWakesBefore = wakes();
  await sleep(wall);
  return { cpu: busy - cpuMs(idleBefore), wakes: busyWakes - (wakes() - idleWakesBefore) };
}

async function main(): Promise<void> {
  const childPath = process.argv.find((a) => a.startsWith('--child='))?.split('=')[1];
  if (childPath) {
    const tag = process.argv.find((a) => a.startsWith('--tag='))?.split('=')[1] ?? 'x';
    return child(childPath, APPENDS, tag);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-wake-'));
  const path = join(dir, 'events.sqlite');
  const store = new SqliteEventStore({ path });
  await store.append('seed-0', [{ type: 'Seeded', data: {} }]);
  const figures: BenchFigure[] = [];
  const delivered: string[] = [];
  const subscriptions: Subscription[] = [];
  for (let s = 0; s < SUBSCRIPTIONS; s++) {
    const subscription = store.subscribe({
      fromPosition: 1,
      filter: { streamPrefixes: [`profile${s}-`], eventTypes: ['ProfileNamed', 'EmailChanged'] },
    });
    subscriptions.push(subscription);
    void (async () => {
      for await (const event of subscription) delivered.push(event.type);
    })();
  }
  try {
    await sleep(200);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, work] of [
        ['appends by another process', () => runChild(path, `r${round}`)],
        [
          'appends in this process (their own commits included)',
          () => appendSignIns(store, APPENDS, `local${round}`),
        ],
      ] as const) {
        const { cpu, wakes: woken } = await cpuBeyondIdle(work);
        const f = figure(
          `round ${round}: ${name}, ${SUBSCRIPTIONS} idle-filter subscriptions`,
          (cpu / APPENDS) * 1000,
          'µs subscriber CPU per append',
          undefined,
          `${cpu.toFixed(1)} ms over ${APPENDS} appends; ${(woken / APPENDS).toFixed(2)} wake-ups per append`,
        );
        figures.push(f);
        print(f);
      }
    }
    if (delivered.length > 0) throw new Error(`the filters matched ${delivered.join(', ')}`);
    console.log(
      `results: ${writeResults('store-wake', figures, { appends: APPENDS, subscriptions: SUBSCRIPTIONS })}`,
    );
  } finally {
    await Promise.all(subscriptions.map((s) => s.stop()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
