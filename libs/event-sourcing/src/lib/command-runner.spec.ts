import { type EventStore, SqliteEventStore } from '@accounts/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backoff } from './backoff';
import { CommandRunner, type CommandRunnerConfig } from './command-runner';
import { assertNever, type Decider } from './decider';
import { DomainError } from './domain-error';
import type { RequestFacts } from './event-metadata';
import { Upcasters } from './upcasters';

// A counter whose every event carries the whole state, so it can be loaded from its last event alone.
type State = { count: number; limit: number };
type Command =
  | { type: 'Add'; data: { by: number } }
  | { type: 'Reset'; data: Record<string, never> };
type Event =
  | { type: 'Counted'; data: { count: number; limit: number } }
  | { type: 'Reset'; data: { limit: number } };

const counter: Decider<State, Command, Event> = {
  initialState: () => ({ count: 0, limit: 3 }),
  decide(command, state) {
    switch (command.type) {
      case 'Add':
        if (state.count + command.data.by > state.limit)
          throw new DomainError('too_many_attempts', 'TEST-limit', 'Over the limit', {
            field: 'by',
          });
        return command.data.by === 0
          ? []
          : [
              {
                type: 'Counted',
                data: {
                  count: state.count + command.data.by,
                  limit: state.limit,
                },
              },
            ];
      case 'Reset':
        return [{ type: 'Reset', data: { limit: state.limit } }];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'Counted':
        return { count: event.data.count, limit: event.data.limit };
      case 'Reset':
        return { count: 0, limit: event.data.limit };
      default:
        return assertNever(event);
    }
  },
};

const now = new Date('2026-05-01T08:00:00.000Z');
const add = (by: number) => ({ type: 'Add', data: { by } }) as const;
const ann = { kind: 'user', accountId: 'acc-1' } as const;

/** Records the waits instead of guessing them from the wall clock. */
class RecordingBackoff extends Backoff {
  readonly waits: number[] = [];
  override next(): number {
    const ms = super.next();
    this.waits.push(ms);
    return ms;
  }
}

describe('CommandRunner (SQLite event store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let request: RequestFacts | undefined;
  let waited: number[];
  const runnerOf = (config: Partial<CommandRunnerConfig> = {}) =>
    new CommandRunner({
      store,
      clock: () => now,
      schemaVersions: { Counted: 2, Reset: 1 },
      upcasters: new Upcasters({ Counted: 2, Reset: 1 }).register<
        { n: number },
        { count: number; limit: number }
      >('Counted', 1, (v1) => ({ count: v1.n, limit: 3 })),
      requestContext: () => request,
      readModels: { waitFor: async (position) => void waited.push(position) },
      ...config,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'command-runner-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    request = { correlationId: 'req-42', ip: '203.0.113.9', userAgent: 'jest' };
    waited = [];
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('given an empty stream, when a command is run in a request', () => {
    it('then its events carry the request metadata, the contract schema version and the clock time, typed', async () => {
      const result = await runnerOf().run({
        streamId: 'counter-1',
        decider: counter,
        command: add(2),
        actor: ann,
        orgId: 'org-1',
      });

      const [stored] = await store.readStream('counter-1');
      expect(stored).toMatchObject({
        type: 'Counted',
        schemaVersion: 2,
        occurredAt: now.toISOString(),
        metadata: {
          correlationId: 'req-42',
          causationId: 'req-42',
          actor: ann,
          orgId: 'org-1',
          ip: '203.0.113.9',
          userAgent: 'jest',
        },
      });
      // Typed: the payload is read without a cast.
      const [event] = result.appended;
      expect(event.type === 'Counted' && event.data.count).toBe(2);
      expect(result.state).toEqual({ count: 2, limit: 3 });
    });

    it('then the read models are waited for at the new position (read-your-writes)', async () => {
      const result = await runnerOf().run({
        streamId: 'counter-1',
        decider: counter,
        command: add(1),
        actor: ann,
      });
      expect(waited).toEqual([result.position]);
      expect(result.position).toBeGreaterThan(0);
    });
  });

  describe('given no request (a reactor), when a command is run', () => {
    it('then each command gets its own correlation id, with no address', async () => {
      request = undefined;
      const runner = runnerOf();
      await runner.run({
        streamId: 'counter-1',
        decider: counter,
        command: add(1),
        actor: { kind: 'system' },
      });
      await runner.run({
        streamId: 'counter-1',
        decider: counter,
        command: add(1),
        actor: { kind: 'system' },
      });
      const [first, second] = (await store.readStream('counter-1')).map((e) => e.metadata);
      expect(first.correlationId).not.toBe(second.correlationId);
      expect(first.causationId).toBe(first.correlationId);
      expect(first).not.toHaveProperty('ip');
      expect(first).not.toHaveProperty('orgId');
    });
  });

  describe('given a command that changes nothing or is refused', () => {
    it('then nothing is written and no read model is waited for', async () => {
      const runner = runnerOf();
      const unchanged = await runner.run({
        streamId: 'counter-1',
        decider: counter,
        command: add(0),
        actor: ann,
      });
      expect(unchanged).toMatchObject({ appended: [], position: 0 });
      await expect(
        runner.run({
          streamId: 'counter-1',
          decider: counter,
          command: add(9),
          actor: ann,
        }),
      ).rejects.toMatchObject({
        code: 'TEST-limit',
        details: { field: 'by' },
      });
      expect(await store.headPosition()).toBe(0);
      expect(waited).toEqual([]);
    });
  });

  describe('given events written at an older schema version', () => {
    it('then the runner decides on their upcast payload and leaves them stored as they were', async () => {
      await store.append(
        'counter-1',
        [{ type: 'Counted', data: { n: 2 }, schemaVersion: 1 }],
        'no_stream',
      );
      const runner = runnerOf();

      expect((await runner.load('counter-1', counter)).state).toEqual({
        count: 2,
        limit: 3,
      });
      await expect(
        runner.run({
          streamId: 'counter-1',
          decider: counter,
          command: add(2),
          actor: ann,
        }),
      ).rejects.toMatchObject({
        code: 'TEST-limit',
      });
      const result = await runner.run({
        streamId: 'counter-1',
        decider: counter,
        command: add(1),
        actor: ann,
      });
      expect(result.appended.map((e) => [e.schemaVersion, e.data])).toEqual([
        [2, { count: 3, limit: 3 }],
      ]);
      expect((await store.readStream('counter-1'))[0]).toMatchObject({
        schemaVersion: 1,
        data: { n: 2 },
      });
    });
  });

  describe('given upcasters that disagree with the contract table', () => {
    it('then the runner refuses to start', () => {
      expect(() => runnerOf({ upcasters: new Upcasters({ Counted: 1 }) })).toThrow(/Counted/);
    });
  });

  describe('given a stream whose last event carries the whole state', () => {
    it('then `last-event` reads only that event and still appends at its revision', async () => {
      const runner = runnerOf();
      for (const by of [1, 1, 1])
        await runner.run({
          streamId: 'guard-1',
          decider: counter,
          command: add(by),
          actor: ann,
        });
      await runner.run({
        streamId: 'guard-1',
        decider: counter,
        command: { type: 'Reset', data: {} },
        actor: ann,
      });
      const reads: unknown[] = [];
      const spying: Pick<EventStore, 'readStream' | 'append'> = {
        readStream: (id, options) => (reads.push(options), store.readStream(id, options)),
        append: (id, events, expected) => store.append(id, events, expected),
      };

      const result = await runnerOf({ store: spying }).run({
        streamId: 'guard-1',
        decider: counter,
        command: add(3),
        actor: ann,
        load: 'last-event',
      });

      expect(reads[0]).toEqual({ direction: 'backwards', maxCount: 1 });
      expect(result.state).toEqual({ count: 3, limit: 3 });
      expect(result.nextRevision).toBe(4);
    });
  });

  describe('given another writer that wins the race, when a command is run', () => {
    it('then the command is decided again on fresh state after a back-off, and both writes count', async () => {
      const runner = runnerOf();
      await runner.run({
        streamId: 'guard-1',
        decider: counter,
        command: add(1),
        actor: ann,
        load: 'last-event',
      });
      let rivalWrites = 0;
      const racing: Pick<EventStore, 'readStream' | 'append'> = {
        readStream: (id, options) => store.readStream(id, options),
        append: async (id, events, expected) => {
          if (rivalWrites++ === 0)
            await runner.run({
              streamId: id,
              decider: counter,
              command: add(1),
              actor: ann,
            });
          return store.append(id, events, expected);
        },
      };
      const backoff = new RecordingBackoff(2, 64);

      const result = await new CommandRunner({
        store: racing,
        clock: () => now,
        schemaVersions: { Counted: 2, Reset: 1 },
        requestContext: () => request,
      }).run({
        streamId: 'guard-1',
        decider: counter,
        command: add(1),
        actor: ann,
        load: 'last-event',
        backoff,
      });

      expect(backoff.waits).toHaveLength(1);
      expect(backoff.waits[0]).toBeGreaterThanOrEqual(1);
      expect(result.state.count).toBe(3);
      expect(
        (await store.readStream('guard-1')).map((e) => (e.data as { count: number }).count),
      ).toEqual([1, 2, 3]);
    });

    it('then a conflict (409) after 1 + maxRetries tries, with growing waits, and nothing of ours written', async () => {
      const runner = runnerOf();
      await runner.run({
        streamId: 'guard-1',
        decider: counter,
        command: { type: 'Reset', data: {} },
        actor: ann,
      });
      const racing: Pick<EventStore, 'readStream' | 'append'> = {
        readStream: (id, options) => store.readStream(id, options),
        append: async (id, events, expected) => {
          await store.append(id, [{ type: 'Reset', data: { limit: 3 }, schemaVersion: 1 }], 'any');
          return store.append(id, events, expected);
        },
      };
      const backoff = new RecordingBackoff(2, 64);

      const attempt = runnerOf({ store: racing }).run({
        streamId: 'guard-1',
        decider: counter,
        command: add(1),
        actor: ann,
        maxRetries: 4,
        backoff,
      });

      await expect(attempt).rejects.toMatchObject({
        kind: 'conflict',
        code: 'COMMAND-concurrency-conflict',
        details: { attempts: 5 },
      });
      expect(backoff.waits).toHaveLength(4);
      // Full doubling with jitter in [ceiling/2, ceiling]: 2, 4, 8, 16 ms ceilings.
      backoff.waits.forEach((ms, i) => expect(ms).toBeGreaterThanOrEqual(2 ** (i + 1) / 2));
      backoff.waits.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(2 ** (i + 1)));
      expect((await store.readStream('guard-1')).every((e) => e.type === 'Reset')).toBe(true);
      expect(waited).toEqual([1]);
    });
  });
});
