/**
 * npm run bench -- session-state [--sessions=200] [--rotations=2000]
 * What folded session states hold: `sessions` sessions refreshed `rotations` times each are folded with
 * the session decider's evolve and kept (as the aggregate cache keeps them); prints the heap they
 * retain (after a full GC, the events dropped) and the fold's CPU per event. Runs the tree's own code:
 * check out another commit's apps/auth-service/src/domain to compare.
 */
import type { SessionEvent } from '@accounts/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  evolveSession,
  initialSessionState,
  type SessionState,
} from '../apps/auth-service/src/domain';

const option = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SESSIONS = option('sessions', 200);
const ROTATIONS = option('rotations', 2000);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run through bench/run.mjs (node --expose-gc)');
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
/** A hex SHA-256 as the store hands it out: its own string, parsed from JSON. */
const hash = () => JSON.parse(`"${randomBytes(32).toString('hex')}"`) as string;

function history(): SessionEvent[] {
  const ids = { sessionId: randomUUID(), accountId: randomUUID() };
  const at = new Date().toISOString();
  return [
    {
      type: 'SessionStarted',
      data: {
        ...ids,
        orgId: randomUUID(),
        signinId: randomUUID(),
        refreshTokenSha256: hash(),
        amr: ['pwd'],
        ip: '203.0.113.7',
        userAgent: 'Firefox',
        idleTimeoutSeconds: 1800,
        startedAt: at,
        absoluteExpiresAt: at,
      },
    },
    ...Array.from(
      { length: ROTATIONS },
      (): SessionEvent => ({
        type: 'SessionRefreshed',
        data: { ...ids, refreshTokenSha256: hash(), refreshedAt: at, idleTimeoutSeconds: 1800 },
      }),
    ),
  ];
}

/** One session's state and the CPU its fold took; its events are garbage once this returns. */
function foldOne(): { state: SessionState; cpu: number } {
  const events = history();
  const start = process.cpuUsage();
  const state = events.reduce(evolveSession, initialSessionState());
  const used = process.cpuUsage(start);
  return { state, cpu: used.user + used.system };
}

function main(): void {
  const before = heap();
  const states: SessionState[] = [];
  let cpu = 0;
  for (let s = 0; s < SESSIONS; s++) {
    const folded = foldOne();
    states.push(folded.state);
    cpu += folded.cpu;
  }
  const retained = heap() - before;
  console.log(
    `${SESSIONS} sessions × ${ROTATIONS} rotations folded and kept: ${(retained / 2 ** 20).toFixed(1)} MiB of heap ` +
      `(${Math.round(retained / SESSIONS).toLocaleString('en')} bytes per session), ` +
      `fold ${(cpu / (SESSIONS * (ROTATIONS + 1))).toFixed(2)} µs CPU per event`,
  );
  if (states.length !== SESSIONS) throw new Error('states lost');
}

main();
