import type { EventMetadata } from '@accounts/contracts';
import { type EventStore, SqliteEventStore } from '@accounts/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backoff } from './backoff';
import { assertNever, type Decider } from './decider';
import { DomainError } from './domain-error';
import { AggregateCache } from './aggregate-cache';
import { handleCommand } from './handle-command';
import { loadAggregate } from './load-aggregate';
import { Upcasters } from './upcasters';

// A small account decider: enough rules to see what handleCommand folds, decides and appends.
type State = { exists: boolean; email: string; changes: number };
type Command =
  | { type: 'Register'; data: { email: string } }
  | { type: 'ChangeEmail'; data: { email: string } }
  | { type: 'Rename'; data: { first: string; last: string } };
type Event =
  | { type: 'Registered'; data: { email: string } }
  | { type: 'EmailChanged'; data: { from: string; to: string } }
  | { type: 'FirstNameChanged'; data: { to: string } }
  | { type: 'LastNameChanged'; data: { to: string } };

const account: Decider<State, Command, Event> = {
  initialState: () => ({ exists: false, email: '', changes: 0 }),
  decide(command, state) {
    switch (command.type) {
      case 'Register':
        return state.exists ? [] : [{ type: 'Registered', data: { email: command.data.email } }];
      case 'ChangeEmail':
        if (!state.exists)
          throw new DomainError('not_found', 'TEST-account-not-found', 'No such account');
        return state.email === command.data.email
          ? []
          : [{ type: 'EmailChanged', data: { from: state.email, to: command.data.email } }];
      case 'Rename':
        return [
          { type: 'FirstNameChanged', data: { to: command.data.first } },
          { type: 'LastNameChanged', data: { to: command.data.last } },
        ];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'Registered':
        return { ...state, exists: true, email: event.data.email };
      case 'EmailChanged':
        return { ...state, email: event.data.to, changes: state.changes + 1 };
      case 'FirstNameChanged':
      case 'LastNameChanged':
        return { ...state, changes: state.changes + 1 };
      default:
        return assertNever(event);
    }
  },
};

const metadata: EventMetadata = {
  correlationId: 'corr-1',
  causationId: 'cause-1',
  actor: { kind: 'user', accountId: 'acc-1' },
  orgId: 'org-1',
  ip: '203.0.113.7',
  userAgent: 'jest',
};
const now = new Date('2026-03-01T10:00:00.000Z');
const stream = 'account-acc-1';
const register = { type: 'Register', data: { email: 'ann@example.com' } } as const;
const changeEmail = (email: string) => ({ type: 'ChangeEmail', data: { email } }) as const;

/** The real store, with another writer that slips in a change between our read and our append. */
function withRivalWriter(store: EventStore, rivalWritesBeforeAppend: number) {
  const counts = { reads: 0, appends: 0, rivalWrites: 0 };
  const racing: Pick<EventStore, 'readStream' | 'append'> = {
    readStream: (id, options) => {
      if (options?.maxCount === undefined) counts.reads++; // decision reads, not the read-back of appended events
      return store.readStream(id, options);
    },
    append: async (id, events, expected) => {
      counts.appends++;
      if (counts.rivalWrites < rivalWritesBeforeAppend) {
        counts.rivalWrites++;
        const [last] = await store.readStream(id, { direction: 'backwards', maxCount: 1 });
        const to = `rival${counts.rivalWrites}@example.com`;
        await store.append(
          id,
          [
            {
              type: 'EmailChanged',
              data: { from: (last.data as { to?: string; email?: string }).to ?? '', to },
            },
          ],
          last.revision,
        );
      }
      return store.append(id, events, expected);
    },
  };
  return { racing, counts };
}

describe('handleCommand against the SQLite event store', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'handle-command-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends the decided events to a new stream and returns them as stored', async () => {
    const result = await handleCommand(store, {
      streamId: stream,
      decider: account,
      command: register,
      metadata,
      context: { now },
    });

    expect(result.appended).toHaveLength(1);
    expect(result.appended[0]).toMatchObject({
      type: 'Registered',
      streamId: stream,
      revision: 0,
      schemaVersion: 1,
      data: { email: 'ann@example.com' },
      occurredAt: now.toISOString(),
    });
    expect(result.nextRevision).toBe(0);
    expect(result.position).toBe(result.appended[0].position);
    expect(result.state).toEqual({ exists: true, email: 'ann@example.com', changes: 0 });
    expect(await store.readStream(stream)).toEqual(result.appended);
  });

  it('appends nothing when the command changes nothing', async () => {
    await handleCommand(store, { streamId: stream, decider: account, command: register, metadata });
    const result = await handleCommand(store, {
      streamId: stream,
      decider: account,
      command: changeEmail('ann@example.com'),
      metadata,
    });

    expect(result).toEqual({
      appended: [],
      nextRevision: 0,
      position: 0,
      state: { exists: true, email: 'ann@example.com', changes: 0 },
    });
    expect(await store.readStream(stream)).toHaveLength(1);
    expect(await store.headPosition()).toBe(1);
  });

  it('lets a refused command through unchanged and writes nothing', async () => {
    const refused = handleCommand(store, {
      streamId: stream,
      decider: account,
      command: changeEmail('x@example.com'),
      metadata,
    });
    await expect(refused).rejects.toMatchObject({
      kind: 'not_found',
      code: 'TEST-account-not-found',
    });
    expect(await store.headPosition()).toBe(0);
  });

  it('attaches the request metadata, the schema version of each type and the decision time to every event', async () => {
    const result = await handleCommand(store, {
      streamId: stream,
      decider: account,
      command: { type: 'Rename', data: { first: 'Ann', last: 'Lee' } },
      metadata,
      context: { now },
      schemaVersions: { FirstNameChanged: 2 },
    });

    const stored = await store.readStream(stream);
    expect(stored.map((e) => [e.type, e.schemaVersion])).toEqual([
      ['FirstNameChanged', 2],
      ['LastNameChanged', 1],
    ]);
    for (const event of stored) {
      expect(event.metadata).toEqual(metadata);
      expect(event.occurredAt).toBe(now.toISOString());
    }
    expect(result.appended.map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId));
    expect(result.nextRevision).toBe(1);
  });

  it('knows the appended events from the append (ids, positions) without reading them back', async () => {
    await handleCommand(store, { streamId: stream, decider: account, command: register, metadata });
    const reads: Array<{ fromRevision?: number; maxCount?: number } | undefined> = [];
    const spy: Pick<EventStore, 'readStream' | 'append'> = {
      readStream: (id, options) => (reads.push(options), store.readStream(id, options)),
      append: (id, events, expected) => store.append(id, events, expected),
    };
    const result = await handleCommand(spy, {
      streamId: stream,
      decider: account,
      command: { type: 'Rename', data: { first: 'Ann', last: 'Lee' } },
      metadata,
      context: { now },
    });
    expect(reads).toEqual([{}]); // the decision's read (a new store to the cache), nothing after the append
    expect(result.appended).toEqual((await store.readStream(stream)).slice(1));
    expect(result.state.changes).toBe(2);
  });

  it('decides first on the state the caller loaded, and on a fresh read when that was stale', async () => {
    await handleCommand(store, { streamId: stream, decider: account, command: register, metadata });
    const loaded = await loadAggregate(store, stream, account, undefined, null);
    // Another writer changes the email after the caller loaded the account.
    await store.append(
      stream,
      [{ type: 'EmailChanged', data: { from: 'ann@example.com', to: 'rival@example.com' } }],
      0,
    );
    let reads = 0;
    const spy: Pick<EventStore, 'readStream' | 'append'> = {
      readStream: (id, options) => (reads++, store.readStream(id, options)),
      append: (id, events, expected) => store.append(id, events, expected),
    };
    const result = await handleCommand(spy, {
      streamId: stream,
      decider: account,
      command: changeEmail('new@example.com'),
      metadata,
      loaded,
      backoff: new Backoff(1, 1),
    });
    expect(reads).toBe(1); // the first try read nothing; the retry after the conflict read the stream
    expect(result.appended.map((e) => e.data)).toEqual([
      { from: 'rival@example.com', to: 'new@example.com' },
    ]);
    expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('reads only the events appended since its last command on a stream, yet sees other writers', async () => {
    const fromRevisions: Array<number | undefined> = [];
    const spy: Pick<EventStore, 'readStream' | 'append'> = {
      readStream: (id, options) => {
        if (options?.maxCount === undefined) fromRevisions.push(options?.fromRevision);
        return store.readStream(id, options);
      },
      append: (id, events, expected) => store.append(id, events, expected),
    };
    await handleCommand(spy, { streamId: stream, decider: account, command: register, metadata });
    await store.append(
      stream,
      [{ type: 'EmailChanged', data: { from: 'ann@example.com', to: 'other@example.com' } }],
      'any',
    );
    const result = await handleCommand(spy, {
      streamId: stream,
      decider: account,
      command: changeEmail('new@example.com'),
      metadata,
    });
    expect(fromRevisions).toEqual([undefined, 1]);
    expect(result.appended.map((e) => e.data)).toEqual([
      { from: 'other@example.com', to: 'new@example.com' },
    ]);
  });

  it('decides again on fresh state when another writer got there first, and succeeds', async () => {
    await handleCommand(store, { streamId: stream, decider: account, command: register, metadata });
    const { racing, counts } = withRivalWriter(store, 1);

    const result = await handleCommand(racing, {
      streamId: stream,
      decider: account,
      command: changeEmail('new@example.com'),
      metadata,
    });

    expect(counts).toEqual({ reads: 2, appends: 2, rivalWrites: 1 });
    // Decided on the rival's email, not on the stale one read first.
    expect(result.appended.map((e) => e.data)).toEqual([
      { from: 'rival1@example.com', to: 'new@example.com' },
    ]);
    expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(result.state).toEqual({ exists: true, email: 'new@example.com', changes: 2 });
  });

  it('answers a conflict error after 1 + maxRetries attempts when other writers keep winning', async () => {
    await handleCommand(store, { streamId: stream, decider: account, command: register, metadata });
    const { racing, counts } = withRivalWriter(store, Number.POSITIVE_INFINITY);

    const attempt = handleCommand(racing, {
      streamId: stream,
      decider: account,
      command: changeEmail('me@example.com'),
      metadata,
      maxRetries: 3,
    });

    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({
      kind: 'conflict',
      code: 'COMMAND-concurrency-conflict',
      details: { streamId: stream, attempts: 4 },
    });
    expect(counts.appends).toBe(4);
    const stored = await store.readStream(stream);
    expect(stored.some((e) => (e.data as { to?: string }).to === 'me@example.com')).toBe(false);
  });

  it('serialises many concurrent commands on one stream without losing any', async () => {
    await handleCommand(store, { streamId: stream, decider: account, command: register, metadata });
    const emails = Array.from({ length: 8 }, (_, i) => `user${i}@example.com`);

    await Promise.all(
      emails.map((email) =>
        handleCommand(store, {
          streamId: stream,
          decider: account,
          command: changeEmail(email),
          metadata,
          maxRetries: 30,
        }),
      ),
    );

    const changes = (await store.readStream(stream))
      .slice(1)
      .map((e) => e.data as { from: string; to: string });
    expect(changes.map((c) => c.to).sort()).toEqual([...emails].sort());
    // Each change was decided on the state left by the previous one.
    changes.forEach((change, i) =>
      expect(change.from).toBe(i === 0 ? 'ann@example.com' : changes[i - 1].to),
    );
  });

  it('upcasts old events on read without rewriting them', async () => {
    // v1 { mail }, v2 { email }, v3 { email, verified }
    await store.append(
      stream,
      [{ type: 'Registered', data: { mail: 'OLD@example.com' }, schemaVersion: 1 }],
      'no_stream',
    );
    const upcasters = new Upcasters({ Registered: 3 })
      .register<{ mail: string }, { email: string }>('Registered', 1, (v1) => ({ email: v1.mail }))
      .register<
        { email: string },
        { email: string; verified: boolean }
      >('Registered', 2, (v2) => ({ ...v2, verified: false }));
    const seen: unknown[] = [];
    const spying: Decider<State, Command, Event> = {
      ...account,
      evolve: (state, event) => {
        seen.push({
          data: event.data,
          schemaVersion: (event as { schemaVersion?: number }).schemaVersion,
        });
        return account.evolve(state, event);
      },
    };

    const result = await handleCommand(store, {
      streamId: stream,
      decider: spying,
      command: changeEmail('new@example.com'),
      metadata,
      upcasters,
    });

    expect(seen[0]).toEqual({
      data: { email: 'OLD@example.com', verified: false },
      schemaVersion: 3,
    });
    expect(result.appended[0].data).toEqual({ from: 'OLD@example.com', to: 'new@example.com' });
    const [stored] = await store.readStream(stream);
    expect(stored).toMatchObject({ schemaVersion: 1, data: { mail: 'OLD@example.com' } });
  });

  it('loadAggregate folds a stream for query paths', async () => {
    expect(await loadAggregate(store, stream, account)).toEqual({
      state: account.initialState(),
      revision: -1,
    });
    await handleCommand(store, { streamId: stream, decider: account, command: register, metadata });
    await handleCommand(store, {
      streamId: stream,
      decider: account,
      command: changeEmail('b@example.com'),
      metadata,
    });

    expect(await loadAggregate(store, stream, account)).toEqual({
      state: { exists: true, email: 'b@example.com', changes: 1 },
      revision: 1,
    });
  });

  describe('fromCache: deciding on the state this process last folded, without a read', () => {
    // This process's view of the store (its cache is keyed by it); other writers append to `store`.
    let counts: { reads: number };
    let spy: Pick<EventStore, 'readStream' | 'append'>;
    const noWait = {
      next: () => {
        throw new Error('a stale cache is no race: it is decided again at once');
      },
    } as unknown as Backoff;
    /** Another process's write: the store has it, this process's cache does not. */
    const rivalChangesEmail = (to: string) =>
      store.append(stream, [{ type: 'EmailChanged', data: { from: 'ann@example.com', to } }], 0);

    beforeEach(async () => {
      counts = { reads: 0 };
      spy = {
        readStream: (id, options) => (counts.reads++, store.readStream(id, options)),
        append: (id, events, expected) => store.append(id, events, expected),
      };
      await handleCommand(spy, { streamId: stream, decider: account, command: register, metadata });
      await handleCommand(spy, {
        streamId: 'account-acc-2',
        decider: account,
        command: register,
        metadata,
      });
      counts = { reads: 0 };
    });

    it('reads nothing when the cache holds the stream as stored', async () => {
      const result = await handleCommand(spy, {
        streamId: stream,
        decider: account,
        command: changeEmail('new@example.com'),
        metadata,
        fromCache: true,
      });
      expect(counts.reads).toBe(0);
      expect(result.appended.map((e) => [e.revision, e.data])).toEqual([
        [1, { from: 'ann@example.com', to: 'new@example.com' }],
      ]);
      expect(result.state).toEqual({ exists: true, email: 'new@example.com', changes: 1 });
    });

    it('decides again at once on a fresh read when another writer appended since', async () => {
      await rivalChangesEmail('rival@example.com');
      const result = await handleCommand(spy, {
        streamId: stream,
        decider: account,
        command: changeEmail('new@example.com'),
        metadata,
        fromCache: true,
        backoff: noWait,
      });
      expect(counts.reads).toBe(1);
      expect(result.appended.map((e) => e.data)).toEqual([
        { from: 'rival@example.com', to: 'new@example.com' },
      ]);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual([
        'Registered',
        'EmailChanged',
        'EmailChanged',
      ]);
    });

    it('takes neither an empty decision nor a refusal on the cached state for the answer', async () => {
      await rivalChangesEmail('rival@example.com');
      // On the cached state the email is already ann@example.com: nothing to do. It is not, any more.
      const back = await handleCommand(spy, {
        streamId: stream,
        decider: account,
        command: changeEmail('ann@example.com'),
        metadata,
        fromCache: true,
      });
      expect(back.appended.map((e) => e.data)).toEqual([
        { from: 'rival@example.com', to: 'ann@example.com' },
      ]);
      // A rule that refuses an account never changed: the cache says never, the store says twice.
      const changedOnly: Decider<State, Command, Event> = {
        ...account,
        decide: (command, state, context) => {
          if (state.changes === 0)
            throw new DomainError('conflict', 'TEST-never-changed', 'Change it first');
          return account.decide(command, state, context);
        },
      };
      await store.append(
        'account-acc-2',
        [{ type: 'EmailChanged', data: { from: 'ann@example.com', to: 'b@example.com' } }],
        0,
      );
      const renamed = await handleCommand(spy, {
        streamId: 'account-acc-2',
        decider: changedOnly,
        command: { type: 'Rename', data: { first: 'Ann', last: 'Lee' } },
        metadata,
        fromCache: true,
      });
      expect(renamed.appended.map((e) => e.type)).toEqual(['FirstNameChanged', 'LastNameChanged']);
      expect(counts.reads).toBe(2); // one fresh read after each answer the cache could not give
    });

    it('still refuses when the fresh read refuses too', async () => {
      const never: Decider<State, Command, Event> = {
        ...account,
        decide: () => {
          throw new DomainError('forbidden', 'TEST-never', 'Never');
        },
      };
      await expect(
        handleCommand(spy, {
          streamId: stream,
          decider: never,
          command: changeEmail('x@example.com'),
          metadata,
          fromCache: true,
        }),
      ).rejects.toMatchObject({ code: 'TEST-never' });
      expect(counts.reads).toBe(1);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('stops deciding on cached states that keep missing (no affinity), and starts again once they are current', async () => {
      const cache = new AggregateCache();
      const run = (to: string) =>
        handleCommand(spy, {
          streamId: 'account-acc-3',
          decider: account,
          command: changeEmail(to),
          metadata,
          fromCache: true,
          cache,
        });
      await handleCommand(spy, {
        streamId: 'account-acc-3',
        decider: account,
        command: register,
        metadata,
        cache,
      });
      for (let i = 0; i < 5; i++) {
        // Another worker writes the stream before every command here: the cache is always behind.
        const [last] = await store.readStream('account-acc-3', {
          direction: 'backwards',
          maxCount: 1,
        });
        await store.append(
          'account-acc-3',
          [{ type: 'EmailChanged', data: { from: '', to: `w${i}` } }],
          last.revision,
        );
        await run(`here${i}@example.com`);
      }
      expect(cache.trusted()).toBe(false);
      const reads = counts.reads;
      await run('read-first@example.com');
      expect(counts.reads - reads).toBe(1); // the cache was current, but no longer trusted: read first
      for (let i = 0; i < 15; i++) await run(`again${i}@example.com`);
      expect(cache.trusted()).toBe(true);
      const before = counts.reads;
      await run('trusted@example.com');
      expect(counts.reads - before).toBe(0);
    });
  });
});
