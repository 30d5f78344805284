import { SqliteEventStore } from '@accounts/event-store';
import { defineProjection } from '@accounts/projections';
import { Injectable, Module } from '@nestjs/common';
import request from 'supertest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../app/create-test-app';
import type { BaseConfig } from '../config/base-config';
import { baseConfigSchema } from '../config/base-config';
import { serviceReadModels } from '../projections/service-read-models';
import { loadOperationsToken, operationsTokenPath } from './operations-token';

const TOKEN = 'operations-token-for-tests-0123456789abcdef';
/** Events whose `data.poison` is true fail while `failing` is on: they get parked. */
const behaviour = { failing: true };

const notesProjection = defineProjection({
  name: 'notes',
  version: 1,
  tables: ['notes'],
  filter: { streamPrefixes: ['note-'] },
  schema: (t) => `CREATE TABLE ${t.notes} (id TEXT PRIMARY KEY, text TEXT NOT NULL)`,
  apply(event, tx) {
    const data = event.data as { id: string; text: string; poison?: boolean };
    if (data.poison && behaviour.failing) throw new Error('cannot digest poison');
    tx.run(`INSERT OR REPLACE INTO ${tx.table.notes} (id, text) VALUES (?, ?)`, data.id, data.text);
  },
});

// A service's ReadModels as every service declares it.
@Injectable()
class NotesReadModels extends serviceReadModels<BaseConfig>((store) => ({
  service: 'notes-service',
  source: store,
  projections: [notesProjection],
  readYourWritesTimeoutMs: 2000,
  batchMs: 5,
})) {}

@Module({ providers: [NotesReadModels] })
class NotesModule {}

describe('operations API (/ops/projections)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let t: TestApp;
  const ops = { 'X-Operations-Token': TOKEN };

  beforeEach(async () => {
    behaviour.failing = true;
    dir = mkdtempSync(join(tmpdir(), 'ops-api-'));
    store = new SqliteEventStore({
      path: join(dir, 'events.sqlite'),
      synchronous: 'normal',
    });
    for (let i = 0; i < 300; i++) {
      await store.append(`note-${i % 7}`, [
        {
          type: 'NoteWritten',
          data: { id: `n${i}`, text: `text ${i}`, poison: i === 42 },
        },
      ]);
    }
    t = await createTestApp({
      serviceName: 'notes-service',
      schema: baseConfigSchema,
      imports: [NotesModule],
      env: { DATA_DIR: dir, OPERATIONS_TOKEN: TOKEN },
      eventStore: store,
    });
    const host = t.app.get(NotesReadModels);
    await host.waitFor(await store.headPosition());
    // The poison event is retried, then parked; wait for that.
    for (let i = 0; i < 100 && host.runner.parkedEvents().length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
  });

  afterEach(async () => {
    await t.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = () =>
    t.app.get(NotesReadModels).database.all<{
      id: string;
      text: string;
    }>('SELECT id, text FROM notes ORDER BY id');

  it('lists the read models with version, checkpoint, lag and parked events', async () => {
    const res = await request(t.app.getHttpServer()).get('/ops/projections').set(ops).expect(200);
    expect(res.body.service).toBe('notes-service');
    // Every service's host also keeps revoked_tokens (tokens of ended sessions): here only the service's own.
    const own = res.body.projections.filter((p: { name: string }) => p.name !== 'revoked_tokens');
    expect(own).toEqual([
      expect.objectContaining({
        name: 'notes',
        version: 1,
        position: 300,
        lag: 0,
        parkedEvents: 1,
        rebuilding: false,
      }),
    ]);
  });

  it('answers 401 without the token or with a wrong one, 429 after ten wrong ones, and writes nothing', async () => {
    const server = t.app.getHttpServer();
    const missing = await request(server).post('/ops/projections/notes/rebuild').expect(401);
    expect(missing.body).toMatchObject({
      statusCode: 401,
      code: 'OPERATIONS-token-invalid',
    });
    for (let i = 0; i < 9; i++)
      await request(server)
        .get('/ops/projections')
        .set('X-Operations-Token', `wrong-${i}`)
        .expect(401);
    const limited = await request(server).get('/ops/projections').set(ops).expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // A user access token is not an operations token.
    await request(server)
      .get('/ops/projections')
      .set('Authorization', 'Bearer eyJhbGciOiJFZERTQSJ9.e30.x')
      .expect(429);
    expect((await t.app.get(NotesReadModels).runner.status())[0]).toMatchObject({
      rebuilding: false,
      generation: 1,
    });
  });

  it('answers 404 naming the field for an unknown projection or parked event', async () => {
    const server = t.app.getHttpServer();
    const unknown = await request(server)
      .post('/ops/projections/nope/rebuild')
      .set(ops)
      .expect(404);
    expect(unknown.body).toMatchObject({
      code: 'OPERATIONS-projection-unknown',
      details: { field: 'name' },
    });
    await request(server)
      .post('/ops/projections/notes/parked/not-an-event/skip')
      .set(ops)
      .expect(404);
  });

  it('rebuilds into a fresh copy while the old one answers, then the rebuilt model equals the live one row for row', async () => {
    behaviour.failing = false;
    const before = rows();
    const res = await request(t.app.getHttpServer())
      .post('/ops/projections/notes/rebuild')
      .set(ops)
      .expect(202);
    expect(res.body).toMatchObject({ name: 'notes', rebuilding: true });
    await t.app.get(NotesReadModels).runner.settled();
    const status = (
      await request(t.app.getHttpServer()).get('/ops/projections').set(ops).expect(200)
    ).body.projections[0];
    expect(status).toMatchObject({
      generation: 2,
      rebuilding: false,
      lag: 0,
      parkedEvents: 0,
    });
    const after = rows();
    // The old copy had skipped the poison event; the rebuild (with apply fixed) has it, and everything else is equal.
    expect(after.filter((row) => row.id !== 'n42')).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
  });

  it('retries a parked event (409 while it still fails, applied once fixed) and skips another', async () => {
    const server = t.app.getHttpServer();
    const parked = (await request(server).get('/ops/projections/notes/parked').set(ops).expect(200))
      .body.events;
    expect(parked).toEqual([
      expect.objectContaining({
        name: 'notes',
        type: 'NoteWritten',
        attempts: 3,
        error: expect.stringMatching(/poison/),
      }),
    ]);
    const eventId = parked[0].eventId;
    const again = await request(server)
      .post(`/ops/projections/notes/parked/${eventId}/retry`)
      .set(ops)
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'OPERATIONS-retry-failed',
      message: expect.stringMatching(/poison/),
    });
    expect(rows().some((row) => row.id === 'n42')).toBe(false);
    behaviour.failing = false;
    await request(server)
      .post(`/ops/projections/notes/parked/${eventId}/retry`)
      .set(ops)
      .expect(200);
    expect(rows().some((row) => row.id === 'n42')).toBe(true);
    expect(
      (await request(server).get('/ops/projections/notes/parked').set(ops)).body.events,
    ).toEqual([]);
    await request(server)
      .post(`/ops/projections/notes/parked/${eventId}/skip`)
      .set(ops)
      .expect(404);
  });

  it('skips a parked event: it leaves the list and the read model stays without it', async () => {
    const server = t.app.getHttpServer();
    const [event] = (await request(server).get('/ops/projections/notes/parked').set(ops)).body
      .events;
    await request(server)
      .post(`/ops/projections/notes/parked/${event.eventId}/skip`)
      .set(ops)
      .expect(200);
    expect(
      (await request(server).get('/ops/projections/notes/parked').set(ops)).body.events,
    ).toEqual([]);
    expect(rows().some((row) => row.id === 'n42')).toBe(false);
  });
});

describe('operations token', () => {
  it('is generated once into the data folder (0600) in embedded mode and shared by every service there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-token-'));
    try {
      const first = loadOperationsToken({ DATA_DIR: dir });
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(loadOperationsToken({ DATA_DIR: dir })).toBe(first);
      expect(statSync(operationsTokenPath(dir)).mode & 0o777).toBe(0o600);
      expect(
        loadOperationsToken({
          DATA_DIR: dir,
          EVENTSTORE_CONNECTION_STRING: 'esdb://x:2113',
        }),
      ).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('closes the operations API (403) when no token is configured in production', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-closed-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const t = await createTestApp({
      imports: [NotesModule],
      env: {
        DATA_DIR: dir,
        EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
      },
      eventStore: store,
    });
    try {
      const res = await request(t.app.getHttpServer())
        .get('/ops/projections')
        .set(ops())
        .expect(403);
      expect(res.body).toMatchObject({ code: 'OPERATIONS-disabled' });
    } finally {
      await t.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  const ops = () => ({ 'X-Operations-Token': TOKEN });
});
