/**
 * npm run bench -- session-state [--sessions=200] [--rotations=2000] [--loads=50]
 * What folded session states hold: `sessions` sessions refreshed `rotations` times each are folded with
 * the session decider's evolve and kept (as the aggregate cache keeps them); prints the heap they
 * retain (after a full GC, the events dropped) and the fold's CPU per event. Runs the tree's own code:
 * check out another commit's apps/auth-service/src/domain to compare.
 * Then the load of one such session from a real SQLite store (a temporary folder) with no cached state:
 * the whole stream read and folded, against its first and last events (`sessionFromEnds`).
 */
import { AuthenticationEventSchemaVersions, type SessionEvent } from '@accounts/contracts';
import { loadAggregate, toNewEvent } from '@accounts/event-sourcing';
import { SqliteEventStore } from '@accounts/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as domain from '../apps/auth-service/src/domain';
import {
  evolveSession,
  initialSessionState,
  sessionDecider,
  type SessionState,
} from '../apps/auth-service/src/domain';

const option = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SESSIONS = option('sessions', 200);
const ROTATIONS = option('rotations', 2000);
const LOADS = option('loads', 50);

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

/** µs of wall time per call of `load`, over LOADS calls after five to warm up. */
async function microsEach(load: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await load();
  const start = process.hrtime.bigint();
  for (let i = 0; i < LOADS; i++) await load();
  return Number(process.hrtime.bigint() - start) / 1000 / LOADS;
}

async function loads(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'session-state-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  try {
    const streamId = `session-${randomUUID()}`;
    const metadata = {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { kind: 'user' as const, accountId: randomUUID() },
    };
    const events = history().map((e) => toNewEvent(e, metadata, AuthenticationEventSchemaVersions));
    for (let i = 0; i < events.length; i += 500)
      await store.append(streamId, events.slice(i, i + 500), i === 0 ? 'no_stream' : i - 1);
    const whole = await microsEach(() =>
      loadAggregate(store, streamId, sessionDecider, undefined, null),
    );
    const line = `a session of ${ROTATIONS} rotations loaded from SQLite without a cached state: whole stream ${(whole / 1000).toFixed(2)} ms`;
    // Only in trees that have it (the build before did not).
    const fromEnds = (domain as Record<string, unknown>)['sessionFromEnds'] as
      | ((first: SessionEvent, last: SessionEvent, revision: number) => SessionState | null)
      | undefined;
    if (!fromEnds) return console.log(line);
    const ends = await microsEach(async () => {
      const [[first], [last]] = await Promise.all([
        store.readStream(streamId, { maxCount: 1 }),
        store.readStream(streamId, { direction: 'backwards', maxCount: 1 }),
      ]);
      return fromEnds(first as SessionEvent, last as SessionEvent, last.revision);
    });
    console.log(`${line}, first and last events ${ends.toFixed(0)} µs`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
void loads();
