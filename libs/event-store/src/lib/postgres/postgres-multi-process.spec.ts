import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PostgresEventStore } from './postgres-event-store';
import { postgresForTests } from './testing/postgres-server';

const WORKER = join(__dirname, 'testing', 'append-worker.ts');
const pg = postgresForTests();

interface Ack {
  streamId: string;
  revision: number;
  position: number;
  eventId: string;
}

function startWorker(schema: string, name: string, count: number, mode: 'shared' | 'own') {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', WORKER, pg.connectionString(), schema, name, String(count), mode],
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
      acks.push({
        streamId,
        revision: Number(revision),
        position: Number(position),
        eventId,
      });
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

pg.describe('PostgreSQL event store shared by several processes', () => {
  const schemaName = () => `mp_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  it('two processes racing on the same streams never duplicate a revision nor lose an event', async () => {
    const schema = schemaName();
    await new PostgresEventStore({
      connectionString: pg.connectionString(),
      schema,
    }).migrate();
    const a = startWorker(schema, 'a', 300, 'shared');
    const b = startWorker(schema, 'b', 300, 'shared');
    const codes = [await a.exited, await b.exited];
    expect({ codes, stderr: a.stderr() + b.stderr() }).toEqual({
      codes: [0, 0],
      stderr: '',
    });
    const acks = [...a.acks, ...b.acks];
    expect(acks).toHaveLength(600);

    const store = new PostgresEventStore({
      connectionString: pg.connectionString(),
      schema,
    });
    const all = await store.readAll({ maxCount: 10_000 });
    expect(all).toHaveLength(600);
    for (let s = 0; s < 5; s++) {
      const events = await store.readStream(`shared-${s}`);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    }
    const stored = new Map(all.map((e) => [e.eventId, e]));
    for (const ack of acks)
      expect(stored.get(ack.eventId)).toMatchObject({
        revision: ack.revision,
        position: ack.position,
      });
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    await store.close();
  }, 120_000);

  it('kill -9 of a writer loses no acknowledged append, and the next writer continues', async () => {
    const schema = schemaName();
    await new PostgresEventStore({
      connectionString: pg.connectionString(),
      schema,
    }).migrate();
    const worker = startWorker(schema, 'victim', 1_000_000, 'own');
    await waitFor(() => worker.acks.length >= 300, worker.child);
    worker.child.kill('SIGKILL');
    await worker.exited;
    const acked = [...worker.acks];

    const store = new PostgresEventStore({
      connectionString: pg.connectionString(),
      schema,
    });
    for (let lane = 0; lane < 4; lane++) {
      const events = await store.readStream(`own-victim-${lane}`);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      const stored = new Map(events.map((e) => [e.eventId, e]));
      for (const ack of acked.filter((a) => a.streamId === `own-victim-${lane}`)) {
        expect(stored.get(ack.eventId)).toMatchObject({
          revision: ack.revision,
          position: ack.position,
        });
      }
      await expect(
        store.append(`own-victim-${lane}`, [{ type: 'After', data: {} }], events.length - 1),
      ).resolves.toMatchObject({
        nextRevision: events.length,
      });
    }
    await store.close();
  }, 120_000);

  it('kill -9 of the PostgreSQL server loses no acknowledged append (it restarts from its WAL)', async () => {
    const schema = schemaName();
    await new PostgresEventStore({
      connectionString: pg.connectionString(),
      schema,
    }).migrate();
    const worker = startWorker(schema, 'survivor', 1_000_000, 'own');
    await waitFor(() => worker.acks.length >= 300, worker.child);
    const server = pg.server();
    process.kill(server.pid, 'SIGKILL');
    await worker.exited;
    const acked = [...worker.acks];
    await pg.restart();

    const store = new PostgresEventStore({
      connectionString: pg.connectionString(),
      schema,
    });
    const all = await store.readAll({ maxCount: 1_000_000 });
    const stored = new Set(all.map((e) => e.eventId));
    expect(acked.filter((ack) => !stored.has(ack.eventId))).toEqual([]);
    await store.close();
  }, 120_000);
});
