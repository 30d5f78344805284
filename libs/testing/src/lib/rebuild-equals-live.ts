import type { EventStore } from '@accounts/event-store';
import { type Projection, ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { randomUUID } from 'node:crypto';
import { ScriptedHistory } from './scripted-history';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Thousands of scripted events (registrations, renames, phone and method changes, trusted computers
 * added and revoked, sign-ins and sessions, API credentials generated, regenerated and revoked) fed to a
 * live projection as they happen; then the projection is rebuilt from position 0 while more events
 * arrive, and swapped in. Returns every row of `tables` before and after, ordered, for `toEqual`.
 */
export async function rebuildAgainstLive(
  store: EventStore,
  projection: Projection,
  tables: readonly string[],
  databasePath: string,
  accounts = 90,
): Promise<{
  live: Record<string, unknown[]>;
  rebuilt: Record<string, unknown[]>;
  events: number;
}> {
  // Two copies fed live from the first event: one is rebuilt midway, the other never is (the reference).
  const database = new ReadModelDatabase({ path: databasePath });
  const reference = new ReadModelDatabase({ path: `${databasePath}.live` });
  const runner = new ProjectionRunner({
    database,
    source: store,
    projections: [projection],
    logger: quiet,
    batchMs: 5,
  });
  const liveRunner = new ProjectionRunner({
    database: reference,
    source: store,
    projections: [projection],
    logger: quiet,
    batchMs: 5,
  });
  await runner.start();
  await liveRunner.start();
  const script = new ScriptedHistory(store, randomUUID());
  const play = async (from: number, to: number) => {
    for (let a = from; a < to; a++) {
      const id = await script.register(`user${a}`);
      await script.changePhone(id, '+33612345678', `+4479111${String(a).padStart(5, '0')}`);
      for (let r = 0; r < 4; r++) {
        await script.changeMethod(id, r % 2 ? 'email' : 'password', r % 2 ? 'password' : 'email');
        const device = await script.trustDevice(id, `Browser ${r}`);
        if (r % 2) await script.revokeDevice(id, device);
        const session = await script.signIn(id);
        if (r % 3) await script.endSession(id, session);
        const key = await script.generateCredential(id, `key ${r}`);
        if (r % 2) await script.regenerateCredential(id, key.credentialId);
        if (r === 3) await script.revokeCredential(id, key.credentialId);
      }
      await script.rename(id, `user${a}`, `renamed${a}`);
    }
  };
  const snapshot = (db: ReadModelDatabase) =>
    Object.fromEntries(
      tables.map((table) => [table, db.all(`SELECT * FROM ${table} ORDER BY 1, 2`)]),
    );
  try {
    await play(0, accounts);
    // A rebuild while the history keeps growing: the swap must still land on the same rows.
    const rebuild = runner.rebuild(projection.name);
    await play(accounts, accounts + 10);
    await rebuild;
    const head = await store.headPosition();
    await runner.waitForPosition(head, 60_000);
    await liveRunner.waitForPosition(head, 60_000);
    const generation = (await runner.status())[0].generation;
    if (generation < 2) throw new Error('the rebuild did not swap in a new copy');
    return { live: snapshot(reference), rebuilt: snapshot(database), events: head };
  } finally {
    await runner.stop();
    await liveRunner.stop();
    database.close();
    reference.close();
  }
}
