/**
 * npm run bench -- signin-store [--signins=120] [--rounds=2]
 * Password sign-ins against raw argon2id verifications in one run and one process (8 concurrent, production
 * argon2id cost), with the embedded store committing with synchronous=full (an fsync per commit, which
 * better-sqlite3 waits for on the event loop) and with synchronous=normal, interleaved rounds. Prints rates and
 * CPU per operation (this process's CPU, libuv's argon2 threads and the in-process client included): what a
 * sign-in costs beyond its hash, and how much of it is the fsync. A third app commits with synchronous=full in
 * the writer thread (SQLITE_WRITER=thread), off the event loop.
 */
import argon2 from 'argon2';
import { AuthTestApp, STRONG_PASSWORD } from '../apps/auth-service/src/testing/auth-test-app';
import { figure, print, runConcurrent, writeResults, type BenchFigure } from './lib/measure';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SIGNINS = arg('signins', 120);
const ROUNDS = arg('rounds', 2);
const CONCURRENCY = 8;
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

async function signInApp(
  synchronous: 'full' | 'normal',
  writer: 'event-loop' | 'thread' = 'event-loop',
) {
  const app = await AuthTestApp.start({
    ARGON2_MEMORY_KIB: String(PARAMS.memoryCost),
    ARGON2_TIME_COST: String(PARAMS.timeCost),
    ARGON2_PARALLELISM: String(PARAMS.parallelism),
    SQLITE_SYNCHRONOUS: synchronous,
    SQLITE_WRITER: writer,
  });
  const orgId = await app.organization();
  const users = await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) => app.activeAccount(orgId, `bench${i}`)),
  );
  const signIn = async (_i: number, worker: number) => {
    const res = await app.login(users[worker].userName);
    if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await runConcurrent(3 * CONCURRENCY, CONCURRENCY, signIn);
  return { app, signIn };
}

/** Rate and CPU per operation of `count` operations, 8 at a time. */
async function measured(operation: (i: number, worker: number) => Promise<unknown>) {
  const before = process.cpuUsage();
  const result = await runConcurrent(SIGNINS, CONCURRENCY, operation);
  const cpu = process.cpuUsage(before);
  return { ...result, cpuMs: (cpu.user + cpu.system) / 1000 / SIGNINS };
}

async function main(): Promise<void> {
  const figures: BenchFigure[] = [];
  const full = await signInApp('full');
  const normal = await signInApp('normal');
  const thread = await signInApp('full', 'thread');
  try {
    const hash = await argon2.hash(STRONG_PASSWORD, { type: argon2.argon2id, ...PARAMS });
    for (let round = 1; round <= ROUNDS; round++) {
      const raw = await measured(() => argon2.verify(hash, STRONG_PASSWORD));
      const report = (name: string, r: typeof raw, unit: string, note = '') => {
        const f = figure(
          `round ${round}: ${name}`,
          r.perSecond,
          unit,
          r.latencies,
          `${r.cpuMs.toFixed(2)} ms CPU each${note}`,
        );
        figures.push(f);
        print(f);
      };
      report('raw argon2id verify', raw, 'verifications/s');
      for (const [name, setup] of [
        ['sign-ins, synchronous=full', full],
        ['sign-ins, synchronous=normal', normal],
        ['sign-ins, synchronous=full, SQLITE_WRITER=thread', thread],
      ] as const) {
        const r = await measured(setup.signIn);
        report(
          name,
          r,
          'sign-ins/s',
          `, ${((r.perSecond / raw.perSecond) * 100).toFixed(1)} % of raw`,
        );
      }
    }
    console.log(
      `results: ${writeResults('signin-store', figures, { signins: SIGNINS, argon2: PARAMS })}`,
    );
  } finally {
    await full.app.close();
    await normal.app.close();
    await thread.app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
