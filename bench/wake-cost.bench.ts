/**
 * npm run bench -- wake-cost [--seconds=4] [--rounds=2]
 *
 * What a thread pays on this machine for waking up, and for running a small piece of work that
 * arrives now and then instead of back to back. Why it matters: a sign-in's main-thread work runs at
 * ~35 sign-ins/s per worker with argon2id filling both cores; a grant's runs at thousands per second.
 * The same HTTP path costs several times more CPU per request at a low rate (README, issue 15,
 * session 10), and this bench separates the two causes, in this process, with nothing of ours loaded:
 * - an empty wake: a timer fires, the thread does nothing, sleeps again (CPU per wake);
 * - a "request-sized" unit (JSON in and out, an Ed25519 signature, a SHA-256), warmed and optimized,
 *   run back to back, then paced at 35/s and 70/s (its code and data go cold between two units);
 * - both again while every core is busy (one spinning process per core, bounded by a deadline), as
 *   argon2id keeps them during sign-ins.
 * Rounds alternate the conditions. CPU comes from process.cpuUsage (this process only). Loops are
 * bounded by count, not by the clock alone. Not part of npm test.
 */
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { figure, print, writeResults, type BenchFigure } from './lib/measure';
import { trackProcess } from './lib/started-processes';

const option = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SECONDS = Number(option('seconds', '4'));
const ROUNDS = Number(option('rounds', '2'));
const CORES = availableParallelism();

const { privateKey } = generateKeyPairSync('ed25519');
const records = Array.from({ length: 20 }, (_, i) => ({
  id: `event-${i}`,
  position: i,
  tags: ['a', 'b', String(i)],
  data: { accountId: `account-${i}`, at: new Date(0).toISOString() },
}));

/** About what one small request does besides I/O: parse and write JSON, sign a token, hash a secret. */
function unit(): number {
  let seen = 0;
  for (let k = 0; k < 2; k++) seen += (JSON.parse(JSON.stringify(records)) as unknown[]).length;
  sign(null, Buffer.from(`claims-${seen}`), privateKey);
  createHash('sha256').update(String(seen)).digest();
  return seen;
}

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function backToBack(count: number): number {
  const start = cpuMs();
  for (let i = 0; i < count; i++) unit();
  return (cpuMs() - start) / count;
}

/** CPU per wake of `work` paced at `perSecond` (the timer's wake included). */
async function paced(perSecond: number, work: () => unknown): Promise<number> {
  const count = Math.max(10, Math.round(perSecond * SECONDS));
  const start = cpuMs();
  for (let i = 0; i < count; i++) {
    work();
    await sleep(1000 / perSecond);
  }
  return (cpuMs() - start) / count;
}

/** One spinning process per core until the callback's promise settles (or a hard deadline). */
async function withBusyCores<T>(run: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SECONDS * 1000 * 4 + 10_000;
  const spinners = Array.from({ length: CORES }, () => {
    const child = spawn(
      process.execPath,
      ['-e', `const end = ${deadline}; while (Date.now() < end);`],
      { stdio: 'ignore' },
    );
    return { child, untrack: trackProcess(child.pid) };
  });
  await sleep(300);
  try {
    return await run();
  } finally {
    for (const { child, untrack } of spinners) {
      child.kill('SIGKILL');
      untrack();
    }
  }
}

interface Round {
  readonly emptyWakeIdle: number;
  readonly emptyWakeBusy: number;
  readonly hot: number;
  readonly at35: number;
  readonly at70: number;
  readonly at35Busy: number;
}

async function round(): Promise<Round> {
  const hot = backToBack(4_000);
  const emptyWakeIdle = await paced(70, () => 0);
  const at35 = await paced(35, unit);
  const at70 = await paced(70, unit);
  const [emptyWakeBusy, at35Busy] = await withBusyCores(async () => [
    await paced(70, () => 0),
    await paced(35, unit),
  ]);
  return { emptyWakeIdle, emptyWakeBusy, hot, at35, at70, at35Busy };
}

async function main(): Promise<void> {
  console.log(
    `wake-cost benchmark: ${CORES} cores, ${ROUNDS} rounds of ${SECONDS} s per paced condition`,
  );
  for (let i = 0; i < 5_000; i++) unit(); // optimized before anything is measured
  const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  const rounds: Round[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const measured = await round();
    rounds.push(measured);
    console.log(
      `  round ${r}: empty wake ${us(measured.emptyWakeIdle)} (cores idle), ${us(measured.emptyWakeBusy)} (cores busy); ` +
        `unit back to back ${us(measured.hot)}, at 35/s ${us(measured.at35)}, at 70/s ${us(measured.at70)}, ` +
        `at 35/s with cores busy ${us(measured.at35Busy)}`,
    );
  }
  const mean = (pick: (r: Round) => number) =>
    rounds.reduce((sum, r) => sum + pick(r), 0) / rounds.length;
  const hot = mean((r) => r.hot);
  const ratioFigure = (name: string, pick: (r: Round) => number) =>
    figure(name, mean(pick) * 1000, 'µs CPU', undefined, `${(mean(pick) / hot).toFixed(1)}×`);
  const figures: BenchFigure[] = [
    figure('empty wake, cores idle', mean((r) => r.emptyWakeIdle) * 1000, 'µs CPU'),
    figure('empty wake, every core busy', mean((r) => r.emptyWakeBusy) * 1000, 'µs CPU'),
    figure('unit back to back', hot * 1000, 'µs CPU'),
    ratioFigure('unit at 35/s (wake included)', (r) => r.at35),
    ratioFigure('unit at 70/s (wake included)', (r) => r.at70),
    ratioFigure('unit at 35/s, every core busy (wake included)', (r) => r.at35Busy),
  ];
  console.log(`\nmean of ${ROUNDS} rounds:`);
  figures.forEach(print);
  console.log(`results written to ${writeResults('wake-cost', figures, { cores: CORES })}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
