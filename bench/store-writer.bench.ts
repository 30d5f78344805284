/**
 * npm run bench -- store-writer [--ops=160] [--rounds=2] [--appends=3]
 * Where the SQLite commit runs, measured on the shape of a password sign-in: 8 at a time, each one
 * argon2id verification (libuv's pool, production cost) then `--appends` appends on a file store with
 * synchronous=full. Rounds (the order turning) of: raw verifications alone, the commits on the event loop
 * (better-sqlite3 waits for the fsync there), and the commits in the writer thread. Prints the rate,
 * its share of the raw rate, and CPU per operation (this process, all threads). Then appends alone, one
 * at a time and 32 at a time, with each writer.
 */
import argon2 from 'argon2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@accounts/event-store';
import { figure, print, runConcurrent, writeResults, type BenchFigure } from './lib/measure';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const OPS = arg('ops', 160);
const ROUNDS = arg('rounds', 2);
const APPENDS = arg('appends', 3);
const CONCURRENCY = 8;
const PASSWORD = 'correct horse battery staple 42';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-writer-'));
  const stores = {
    'event-loop': new SqliteEventStore({ path: join(dir, 'loop.sqlite') }),
    thread: new SqliteEventStore({ path: join(dir, 'thread.sqlite'), writer: 'thread' }),
  };
  const figures: BenchFigure[] = [];
  try {
    const hash = await argon2.hash(PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    const signIn = (store: SqliteEventStore) => async (i: number) => {
      if (!(await argon2.verify(hash, PASSWORD))) throw new Error('argon2 verify failed');
      for (let a = 0; a < APPENDS; a++) {
        await store.append(`session-${i}-${a}-${Math.random()}`, [
          { type: 'SignInSucceeded', data: { i, a } },
        ]);
      }
    };
    const measured = async (operation: (i: number) => Promise<unknown>) => {
      const before = process.cpuUsage();
      const result = await runConcurrent(OPS, CONCURRENCY, operation);
      const cpu = process.cpuUsage(before);
      return { ...result, cpuMs: (cpu.user + cpu.system) / 1000 / OPS };
    };
    await measured(signIn(stores.thread)); // warm-up: the thread's start, the pool
    for (let round = 1; round <= ROUNDS; round++) {
      // The order turns from round to round: the machine's load drifts, and no variant always goes first.
      const variants: Array<[string, (i: number) => Promise<unknown>]> = [
        ['raw argon2id verify', () => argon2.verify(hash, PASSWORD)],
        [`verify + ${APPENDS} appends, commits on the event loop`, signIn(stores['event-loop'])],
        [`verify + ${APPENDS} appends, commits in the writer thread`, signIn(stores.thread)],
      ];
      const shift = (round - 1) % variants.length;
      const runs: Array<[string, Awaited<ReturnType<typeof measured>>]> = [];
      for (const [name, operation] of [...variants.slice(shift), ...variants.slice(0, shift)]) {
        runs.push([name, await measured(operation)]);
      }
      runs.sort(
        (a, b) =>
          variants.findIndex((v) => v[0] === a[0]) - variants.findIndex((v) => v[0] === b[0]),
      );
      const raw = runs[0][1];
      for (const [name, r] of runs) {
        const f = figure(
          `round ${round}: ${name}`,
          r.perSecond,
          'ops/s',
          r.latencies,
          `${r.cpuMs.toFixed(2)} ms CPU each, ${((r.perSecond / raw.perSecond) * 100).toFixed(1)} % of raw`,
        );
        figures.push(f);
        print(f);
      }
    }
    // Appends alone: one writer waiting for each commit (the message each way shows), and 32 at once.
    for (let round = 1; round <= ROUNDS; round++) {
      for (const writer of ['event-loop', 'thread'] as const) {
        for (const concurrency of [1, 32]) {
          const count = concurrency === 1 ? 300 : 3000;
          const before = process.cpuUsage();
          const r = await runConcurrent(count, concurrency, (i, w) =>
            stores[writer].append(`bench-${round}-${concurrency}-${w}-${i}`, [
              { type: 'Appended', data: { i } },
            ]),
          );
          const cpu = process.cpuUsage(before);
          const f = figure(
            `round ${round}: appends, ${concurrency} at a time, commits on the ${writer}`,
            r.perSecond,
            'appends/s',
            r.latencies,
            `${((cpu.user + cpu.system) / count).toFixed(0)} µs CPU each, all threads`,
          );
          figures.push(f);
          print(f);
        }
      }
    }
    console.log(
      `results: ${writeResults('store-writer', figures, { ops: OPS, appends: APPENDS })}`,
    );
  } finally {
    await Promise.all(Object.values(stores).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
