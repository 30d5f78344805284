import { randomUUID } from 'node:crypto';
import { InvalidEventStoreInputError, WrongExpectedVersionError } from '../errors';
import type { EventStore } from '../event-store';
import type { NewEvent, RecordedEvent, Subscription } from '../types';

export interface ContractSubject {
  readonly store: EventStore;
  readonly cleanup?: () => Promise<void>;
}

/**
 * The behaviour every EventStore adapter must have. Streams get a random prefix per test, so the
 * suite can run against a shared server that already holds other data.
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<ContractSubject>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    let prefix: string;
    const stream = (suffix = 'a') => `${prefix}-${suffix}`;
    const ev = (type: string, n = 0, metadata?: Record<string, unknown>): NewEvent => ({
      type,
      data: { n },
      metadata,
    });

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
      prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    });
    afterEach(async () => {
      await store.close();
      await subject.cleanup?.();
    });

    describe('append', () => {
      it('creates a stream at revision 0 and returns a global position', async () => {
        const result = await store.append(stream(), [ev('Created')], 'no_stream');
        expect(result.nextRevision).toBe(0);
        expect(result.position).toBeGreaterThan(0);
        const [read] = await store.readStream(stream());
        expect(read).toMatchObject({
          streamId: stream(),
          revision: 0,
          position: result.position,
          type: 'Created',
          data: { n: 0 },
          schemaVersion: 1,
        });
        expect(read.eventId).toMatch(/^[0-9a-f-]{36}$/);
        expect(new Date(read.occurredAt).toISOString()).toBe(read.occurredAt);
      });

      it('appends several events atomically with contiguous revisions and growing positions', async () => {
        const result = await store.append(stream(), [ev('A', 1), ev('B', 2), ev('C', 3)]);
        expect(result.nextRevision).toBe(2);
        const events = await store.readStream(stream());
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(events[1].position).toBeGreaterThan(events[0].position);
        expect(events[2].position).toBeGreaterThan(events[1].position);
        expect(events[2].position).toBe(result.position);
      });

      it('returns, where the adapter gives them, the position of each appended event as read back', async () => {
        await store.append(stream('other'), [ev('Elsewhere')]);
        const result = await store.append(stream(), [ev('A', 1), ev('B', 2)]);
        const events = await store.readStream(stream());
        if (result.positions === undefined) return; // optional in the port (EventStoreDB)
        expect(result.positions).toEqual(events.map((e) => e.position));
      });

      it('keeps eventId, schemaVersion and metadata (correlation and causation ids) as written', async () => {
        const eventId = randomUUID();
        const metadata = {
          correlationId: 'corr-1',
          causationId: 'cause-1',
          actor: { kind: 'user', accountId: 'acc-1' },
          orgId: 'org-1',
        };
        await store.append(stream(), [
          { type: 'Changed', data: { from: 'a', to: 'b' }, metadata, eventId, schemaVersion: 3 },
        ]);
        const [read] = await store.readStream(stream());
        expect(read.eventId).toBe(eventId);
        expect(read.schemaVersion).toBe(3);
        expect(read.metadata).toMatchObject(metadata);
        expect(read.data).toEqual({ from: 'a', to: 'b' });
      });

      it('accepts an exact expected revision and refuses a stale one without writing', async () => {
        await store.append(stream(), [ev('A')]);
        await expect(store.append(stream(), [ev('B')], 0)).resolves.toMatchObject({
          nextRevision: 1,
        });
        const stale = store.append(stream(), [ev('C')], 0);
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(stale).rejects.toMatchObject({ streamId: stream(), expected: 0, actual: 1 });
        expect(await store.readStream(stream())).toHaveLength(2);
      });

      it("refuses 'no_stream' on an existing stream and 'stream_exists' or a revision on a missing one", async () => {
        await store.append(stream(), [ev('A')]);
        await expect(store.append(stream(), [ev('B')], 'no_stream')).rejects.toMatchObject({
          actual: 0,
        });
        await expect(
          store.append(stream('missing'), [ev('B')], 'stream_exists'),
        ).rejects.toMatchObject({ actual: -1 });
        await expect(store.append(stream('missing'), [ev('B')], 0)).rejects.toBeInstanceOf(
          WrongExpectedVersionError,
        );
        await expect(store.append(stream(), [ev('C')], 'stream_exists')).resolves.toMatchObject({
          nextRevision: 1,
        });
        await expect(store.append(stream(), [ev('D')], 'any')).resolves.toMatchObject({
          nextRevision: 2,
        });
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('lets exactly one of many concurrent writers with the same expected revision win', async () => {
        await store.append(stream(), [ev('A')]);
        const attempts = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.append(stream(), [ev('B', i)], 0)),
        );
        expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
        const rejected = attempts.filter(
          (a): a is PromiseRejectedResult => a.status === 'rejected',
        );
        expect(rejected.every((r) => r.reason instanceof WrongExpectedVersionError)).toBe(true);
        expect((await store.readStream(stream())).map((e) => e.revision)).toEqual([0, 1]);
      });

      it.each([
        ['an empty stream id', () => store.append('', [ev('A')]), 'streamId'],
        ['a stream id with spaces', () => store.append('bad stream', [ev('A')]), 'streamId'],
        ['a system stream id', () => store.append('$all', [ev('A')]), 'streamId'],
        [
          'an empty event type',
          () => store.append(stream(), [{ type: '', data: {} }]),
          'events[0].type',
        ],
        ['no events', () => store.append(stream(), []), 'events'],
        [
          'a BigInt payload',
          () => store.append(stream(), [{ type: 'A', data: { n: BigInt(1) } }]),
          'events[0].data.n',
        ],
        [
          'a circular payload',
          () => {
            const data: Record<string, unknown> = {};
            data['self'] = data;
            return store.append(stream(), [{ type: 'A', data }]);
          },
          'events[0].data.self',
        ],
        [
          'a function in the payload',
          () => store.append(stream(), [{ type: 'A', data: { f: () => 1 } }]),
          'events[0].data.f',
        ],
        [
          'a non-finite number',
          () => store.append(stream(), [{ type: 'A', data: { n: NaN } }]),
          'events[0].data.n',
        ],
        [
          'metadata that is not an object',
          () =>
            store.append(stream(), [
              { type: 'A', data: {}, metadata: [] as unknown as Record<string, unknown> },
            ]),
          'events[0].metadata',
        ],
        [
          'a negative expected revision',
          () => store.append(stream(), [ev('A')], -1),
          'expectedRevision',
        ],
        [
          'a fractional expected revision',
          () => store.append(stream(), [ev('A')], 1.5),
          'expectedRevision',
        ],
        [
          'an eventId that is not a UUID',
          () => store.append(stream(), [{ type: 'A', data: {}, eventId: 'x' }]),
          'events[0].eventId',
        ],
      ])(
        'refuses %s with a typed error naming the field and writes nothing',
        async (_label, call, field) => {
          const before = await store.headPosition();
          const attempt = (async () => call())();
          await expect(attempt).rejects.toBeInstanceOf(InvalidEventStoreInputError);
          await expect(attempt).rejects.toMatchObject({ field });
          expect(await store.headPosition()).toBe(before);
          expect(await store.readStream(stream())).toEqual([]);
        },
      );

      it('writes nothing of a batch when one of its events is invalid', async () => {
        await expect(
          store.append(stream(), [ev('A'), { type: 'B', data: { n: Symbol('x') } }]),
        ).rejects.toBeInstanceOf(InvalidEventStoreInputError);
        expect(await store.readStream(stream())).toEqual([]);
      });
    });

    describe('readStream', () => {
      beforeEach(async () => {
        await store.append(
          stream(),
          Array.from({ length: 10 }, (_, i) => ev('E', i)),
        );
      });

      it('reads forwards from a revision with a count', async () => {
        const events = await store.readStream(stream(), { fromRevision: 3, maxCount: 4 });
        expect(events.map((e) => e.revision)).toEqual([3, 4, 5, 6]);
      });

      it('reads backwards from the end or from a revision', async () => {
        expect(
          (await store.readStream(stream(), { direction: 'backwards', maxCount: 3 })).map(
            (e) => e.revision,
          ),
        ).toEqual([9, 8, 7]);
        expect(
          (await store.readStream(stream(), { direction: 'backwards', fromRevision: 2 })).map(
            (e) => e.revision,
          ),
        ).toEqual([2, 1, 0]);
      });

      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(stream('nope'))).toEqual([]);
        expect(await store.readStream(stream('nope'), { direction: 'backwards' })).toEqual([]);
      });

      it('refuses a negative revision or a zero count', async () => {
        await expect(store.readStream(stream(), { fromRevision: -1 })).rejects.toMatchObject({
          field: 'fromRevision',
        });
        await expect(store.readStream(stream(), { maxCount: 0 })).rejects.toMatchObject({
          field: 'maxCount',
        });
      });
    });

    describe('readAll', () => {
      it('returns events in global order after an exclusive position, filtered by stream prefix', async () => {
        const first = await store.append(stream('x'), [ev('A', 1)]);
        await store.append(stream('y'), [ev('B', 2)]);
        await store.append(stream('x'), [ev('A', 3)]);
        const all = await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 100 });
        expect(all.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
        const after = await store.readAll({
          fromPosition: first.position,
          filter: { streamPrefixes: [prefix] },
        });
        expect(after.map((e) => e.data)).toEqual([{ n: 2 }, { n: 3 }]);
        const onlyX = await store.readAll({ filter: { streamPrefixes: [stream('x')] } });
        expect(onlyX.map((e) => e.data)).toEqual([{ n: 1 }, { n: 3 }]);
      });

      it('filters by event type', async () => {
        const types = [`${prefix}A`, `${prefix}B`];
        await store.append(stream(), [ev(types[0], 1), ev(types[1], 2), ev(types[0], 3)]);
        const onlyA = await store.readAll({ filter: { eventTypes: [types[0]] } });
        expect(onlyA.map((e) => e.data)).toEqual([{ n: 1 }, { n: 3 }]);
      });

      it('pages with maxCount without losing or repeating events', async () => {
        await store.append(
          stream(),
          Array.from({ length: 25 }, (_, i) => ev('E', i)),
        );
        const seen: number[] = [];
        let from = 0;
        for (;;) {
          const page = await store.readAll({
            fromPosition: from,
            maxCount: 7,
            filter: { streamPrefixes: [prefix] },
          });
          if (page.length === 0) break;
          seen.push(...page.map((e) => (e.data as { n: number }).n));
          from = page[page.length - 1].position;
        }
        expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
      });

      it('reports the head position', async () => {
        const result = await store.append(stream(), [ev('A')]);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
      });

      it('refuses bad options', async () => {
        await expect(store.readAll({ fromPosition: -5 })).rejects.toMatchObject({
          field: 'fromPosition',
        });
        await expect(store.readAll({ filter: { streamPrefixes: [] } })).rejects.toMatchObject({
          field: 'filter.streamPrefixes',
        });
      });
    });

    describe('readAllRaw', () => {
      // Payloads JSON handles in ways a text copy could get wrong: key order (integer-like keys
      // first), escapes, non-ASCII, a lone surrogate, nesting, exponents.
      const tricky = {
        b: 1,
        a: [true, null, { z: 'é 日本', '10': 'ten', '2': 'two' }],
        quote: 'say "hi"\n\t\\',
        lone: '\ud800',
        big: 1e21,
        small: 1.5e-7,
        empty: {},
      };

      it('returns the page readAll returns, with data and metadata as their JSON.stringify text', async () => {
        await store.append(stream('x'), [
          { type: 'Tricky', data: tricky, metadata: { orgId: 'o-1', actor: { kind: 'user' } } },
          ev('A', 2),
        ]);
        await store.append(stream('y'), [ev('B', 3, { correlationId: 'c' })]);
        const filter = { streamPrefixes: [prefix] };
        const parsed = await store.readAll({ filter, maxCount: 100 });
        const raw = await store.readAllRaw({ filter, maxCount: 100 });
        expect(raw).toHaveLength(3);
        raw.forEach((event, i) => {
          const { data, metadata, ...header } = parsed[i];
          expect(event).toEqual({
            ...header,
            dataJson: JSON.stringify(data),
            metadataJson: JSON.stringify(metadata),
          });
          // Canonical: parsing and writing it again gives the same text.
          expect(JSON.stringify(JSON.parse(event.dataJson))).toBe(event.dataJson);
        });
        expect(JSON.parse(raw[0].dataJson)).toEqual(tricky);
      });

      it('pages, filters by stream prefix and type, and refuses bad options like readAll', async () => {
        const types = [`${prefix}A`, `${prefix}B`];
        const first = await store.append(stream('x'), [ev(types[0], 1)]);
        await store.append(stream('y'), [ev(types[1], 2), ev(types[0], 3)]);
        const numbers = (events: { dataJson: string }[]) =>
          events.map((e) => (JSON.parse(e.dataJson) as { n: number }).n);
        const after = await store.readAllRaw({
          fromPosition: first.position,
          filter: { streamPrefixes: [prefix] },
        });
        expect(numbers(after)).toEqual([2, 3]);
        expect(numbers(await store.readAllRaw({ filter: { eventTypes: [types[0]] } }))).toEqual([
          1, 3,
        ]);
        const onePage = await store.readAllRaw({
          maxCount: 1,
          filter: { streamPrefixes: [prefix] },
        });
        expect(numbers(onePage)).toEqual([1]);
        await expect(store.readAllRaw({ fromPosition: -5 })).rejects.toMatchObject({
          field: 'fromPosition',
        });
        await expect(store.readAllRaw({ filter: { eventTypes: [] } })).rejects.toMatchObject({
          field: 'filter.eventTypes',
        });
      });
    });

    describe('subscribe', () => {
      const take = async (
        subscription: Subscription,
        count: number,
        onEach?: (e: RecordedEvent) => Promise<void>,
      ) => {
        const seen: RecordedEvent[] = [];
        for await (const event of subscription) {
          seen.push(event);
          await onEach?.(event);
          if (seen.length === count) break;
        }
        return seen;
      };

      it('catches up on existing events, reports it, then delivers new ones live in order', async () => {
        await store.append(stream(), [ev('A', 1), ev('A', 2)]);
        let caughtUp = false;
        const subscription = store.subscribe({
          filter: { streamPrefixes: [prefix] },
          onCaughtUp: () => (caughtUp = true),
        });
        const received = take(subscription, 5);
        await waitUntil(() => caughtUp);
        await store.append(stream(), [ev('A', 3)]);
        await store.append(stream('other'), [ev('A', 4), ev('A', 5)]);
        const events = await received;
        expect(events.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5]);
        await subscription.stop();
      });

      it('starts after a checkpoint and applies the filter', async () => {
        const first = await store.append(stream(), [ev(`${prefix}Keep`, 1)]);
        await store.append(stream(), [ev(`${prefix}Drop`, 2), ev(`${prefix}Keep`, 3)]);
        const subscription = store.subscribe({
          fromPosition: first.position,
          filter: { eventTypes: [`${prefix}Keep`] },
        });
        const events = await take(subscription, 1);
        expect(events.map((e) => e.data)).toEqual([{ n: 3 }]);
        await subscription.stop();
      });

      it('waits for a slow consumer (back-pressure) and still delivers every event once, in order', async () => {
        const subscription = store.subscribe({ filter: { streamPrefixes: [prefix] } });
        const appends = (async () => {
          for (let i = 0; i < 20; i++) await store.append(stream(), [ev('E', i)]);
        })();
        const events = await take(subscription, 20, () => new Promise((r) => setTimeout(r, 2)));
        await appends;
        expect(events.map((e) => (e.data as { n: number }).n)).toEqual(
          Array.from({ length: 20 }, (_, i) => i),
        );
        await subscription.stop();
      });

      it('delivers an append committed while it reads its page at once, not at its next poll', async () => {
        // Each round: a commit the subscriptions do not want wakes them (a store may wake every
        // subscription at every commit), and one they want commits while those wakes read their pages
        // and find nothing (a service has a dozen subscriptions sharing a few connections, so the reads
        // take a while). That commit must wake them again by itself: lost, it waits for the store's
        // poll, and adapters under this contract poll far less often than the second allowed here. In
        // half the rounds both are appended in one turn, as a sign-in appends its events and session.
        const rounds = 20;
        const subscriptions = Array.from({ length: 12 }, () =>
          store.subscribe({ filter: { streamPrefixes: [stream('wanted')] } }),
        );
        const seen = subscriptions.map(() => [] as number[]);
        const consuming = subscriptions.map((subscription, s) =>
          take(subscription, rounds, async (e) => {
            seen[s].push((e.data as { n: number }).n);
          }),
        );
        for (let i = 0; i < rounds; i++) {
          const unwanted = store.append(stream('unwanted'), [ev('A', i)]);
          if (i % 2 === 0) await unwanted;
          await store.append(stream('wanted'), [ev('B', i)]);
          await unwanted;
          await waitUntil(() => seen.every((s) => s.length === i + 1), 1000);
        }
        await Promise.all(consuming);
        for (const s of seen) expect(s).toEqual(Array.from({ length: rounds }, (_, i) => i));
        await Promise.all(subscriptions.map((s) => s.stop()));
      });

      it('ends the iteration when stopped', async () => {
        const subscription = store.subscribe({ filter: { streamPrefixes: [prefix] } });
        const done = take(subscription, 1000);
        await store.append(stream(), [ev('A')]);
        await new Promise((r) => setTimeout(r, 100));
        await subscription.stop();
        await expect(done).resolves.toHaveLength(1);
      });
    });
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
