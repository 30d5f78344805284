import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from './sqlite-event-store';

const WORKER = join(__dirname, 'testing', 'append-worker.ts');

interface Ack {
  streamId: string;
  revision: number;
  position: number;
  eventId: string;
}

function startWorker(
  dbPath: string,
  name: string,
  count: number,
  mode: 'shared' | 'own',
  writer: 'event-loop' | 'thread' = 'event-loop',
) {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', WORKER, dbPath, name, String(count), mode, writer],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const acks: Ack[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const [, streamId, revision, position, eventId] = line.split(' ');
      acks.push({ streamId, revision: Number(revision), position: Number(position), eventId });
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, acks, exited, stderr: () => stderr };
}

async function waitFor(
  condition: () => boolean,
  child: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('worker did not get there');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('SQLite event store shared by several processes', () => {
  let dir: string;
  let dbPath: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'es-multi-'));
    dbPath = join(dir, 'events.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['event-loop', 'thread'] as const)(
    'two processes racing on the same streams never duplicate a revision nor lose an event (commits on the %s)',
    async (writer) => {
      const a = startWorker(dbPath, 'a', 300, 'shared', writer);
      const b = startWorker(dbPath, 'b', 300, 'shared', writer);
      expect(await a.exited).toBe(0);
      expect(await b.exited).toBe(0);
      const acks = [...a.acks, ...b.acks];
      expect(acks).toHaveLength(600);

      const store = new SqliteEventStore({ path: dbPath });
      const all = await store.readAll({ maxCount: 10_000 });
      expect(all).toHaveLength(600);
      for (let s = 0; s < 5; s++) {
        const events = await store.readStream(`shared-${s}`);
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      }
      const stored = new Set(all.map((e) => e.eventId));
      expect(acks.every((ack) => stored.has(ack.eventId))).toBe(true);
      const positions = all.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      expect(new Set(positions).size).toBe(600);
      await store.close();
    },
    120_000,
  );

  it.each(['event-loop', 'thread'] as const)(
    'kill -9 of a writer loses no acknowledged append and leaves the file intact (commits on the %s)',
    async (writer) => {
      const worker = startWorker(dbPath, 'victim', 100_000, 'own', writer);
      await waitFor(() => worker.acks.length >= 300, worker.child);
      worker.child.kill('SIGKILL');
      await worker.exited;
      const acked = [...worker.acks];

      const check = new Database(dbPath, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();

      const store = new SqliteEventStore({ path: dbPath });
      const events = await store.readStream('own-victim');
      const stored = new Map(events.map((e) => [e.eventId, e]));
      for (const ack of acked) {
        expect(stored.get(ack.eventId)).toMatchObject({
          revision: ack.revision,
          position: ack.position,
        });
      }
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      // The store keeps working after the crash: a new writer continues at the next revision.
      await expect(
        store.append('own-victim', [{ type: 'After', data: {} }], events.length - 1),
      ).resolves.toMatchObject({
        nextRevision: events.length,
      });
      await store.close();
    },
    120_000,
  );

  it("wakes a live subscription for another process's append at once, not at the next poll", async () => {
    // This process opens the file first (and keeps its WAL open); its poll is far slower than the test.
    const store = new SqliteEventStore({ path: dbPath, pollIntervalMs: 60_000 });
    await store.append('here', [{ type: 'Here', data: {} }]);
    const subscription = store.subscribe({ fromPosition: 1 });
    const next = subscription[Symbol.asyncIterator]().next();
    // Let the subscription reach its live wait before the other process writes.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const worker = startWorker(dbPath, 'other', 1, 'own');
    const { value } = await next;
    expect(value).toMatchObject({ streamId: 'own-other', type: 'Appended' });
    // Process start-up included; the poll alone would take a minute.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await worker.exited).toBe(0);
    await subscription.stop();
    await store.close();
  }, 60_000);

  it("a filtered subscription passes over another process's events it does not want and gets the one it wants", async () => {
    const store = new SqliteEventStore({ path: dbPath, pollIntervalMs: 60_000 });
    await store.append('here', [{ type: 'Here', data: {} }]);
    const subscription = store.subscribe({
      fromPosition: 1,
      filter: { streamPrefixes: ['own-wanted'] },
    });
    const received: string[] = [];
    const consumed = (async () => {
      for await (const event of subscription) {
        received.push(`${event.streamId}:${(event.data as { i: number }).i}`);
        if (received.length === 2) return;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const unwanted = startWorker(dbPath, 'unwanted', 50, 'own');
    expect(await unwanted.exited).toBe(0);
    const wanted = startWorker(dbPath, 'wanted', 2, 'own');
    expect(await wanted.exited).toBe(0);
    await consumed;
    expect(received).toEqual(['own-wanted:0', 'own-wanted:1']);
    await subscription.stop();
    await store.close();
  }, 60_000);

  it("delivers every event of another process's burst of commits, the last one too (wakes share a gap)", async () => {
    const store = new SqliteEventStore({ path: dbPath, pollIntervalMs: 60_000 });
    await store.append('here', [{ type: 'Here', data: {} }]);
    const subscription = store.subscribe({ fromPosition: 1, filter: { streamPrefixes: ['own-'] } });
    const received: number[] = [];
    const consumed = (async () => {
      for await (const event of subscription) {
        received.push((event.data as { i: number }).i);
        if (received.length === 300) return;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const burst = startWorker(dbPath, 'burst', 300, 'own');
    expect(await burst.exited).toBe(0);
    await consumed;
    expect(received).toEqual(Array.from({ length: 300 }, (_, i) => i));
    await subscription.stop();
    await store.close();
  }, 60_000);
});
