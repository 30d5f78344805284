import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { EventStoreDBClient } from '@eventstore/db-client';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreUnavailableError, InvalidEventStoreInputError } from '../errors';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];
const describeWithServer = connectionString ? describe : describe.skip;
const serverTitle = connectionString
  ? 'EventStoreDB adapter against EVENTSTORE_CONNECTION_STRING'
  : 'EventStoreDB adapter (skipped: EVENTSTORE_CONNECTION_STRING not set; no EventStoreDB engine on this machine)';

describeWithServer(serverTitle, () => {
  describeEventStoreContract('EventStoreDB', async () => ({
    store: EventStoreDbEventStore.fromConnectionString(connectionString ?? ''),
  }));

  describe('what EventStoreDB itself sees', () => {
    let client: EventStoreDBClient;
    let store: EventStoreDbEventStore;
    const streamId = () => `esdbspec-${randomUUID()}`;

    beforeEach(() => {
      client = EventStoreDBClient.connectionString(connectionString ?? '');
      store = new EventStoreDbEventStore(client);
    });
    afterEach(() => store.close());

    it('writes correlation and causation ids as $correlationId and $causationId', async () => {
      const id = streamId();
      await store.append(id, [
        {
          type: 'A',
          data: {},
          metadata: { correlationId: 'corr', causationId: 'cause', orgId: 'o' },
        },
      ]);
      const raw = [];
      for await (const resolved of client.readStream(id)) raw.push(resolved.event?.metadata);
      expect(raw).toEqual([
        { $correlationId: 'corr', $causationId: 'cause', orgId: 'o', schemaVersion: 1 },
      ]);
    });

    it('gives each event of one append its own $all position, equal to what $all reports', async () => {
      const id = streamId();
      const result = await store.append(id, [
        { type: 'A', data: {} },
        { type: 'B', data: {} },
        { type: 'C', data: {} },
      ]);
      const events = await store.readStream(id);
      const positions = events.map((e) => e.position);
      expect(new Set(positions).size).toBe(3);
      expect(positions[2]).toBe(result.position);
      const fromAll = await store.readAll({
        fromPosition: positions[0] - 1,
        filter: { streamPrefixes: [id] },
        maxCount: 3,
      });
      expect(fromAll.map((e) => e.position)).toEqual(positions);
    });
  });
});

describe('EventStoreDB adapter without a reachable server', () => {
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    store = EventStoreDbEventStore.fromConnectionString(
      `esdb://127.0.0.1:${await closedPort()}?tls=false`,
    );
  });
  afterEach(() => store.close());

  it('fails ping, appends, reads and the head position with STORE-unavailable', async () => {
    for (const call of [
      () => store.ping(),
      () => store.append('account-1', [{ type: 'A', data: {} }]),
      () => store.readStream('account-1'),
      () => store.readAll(),
      () => store.headPosition(),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    }
  });

  it('ends a subscription with STORE-unavailable instead of hanging', async () => {
    for (const options of [{}, { onCaughtUp: () => undefined }]) {
      const subscription = store.subscribe(options);
      const consume = async () => {
        for await (const event of subscription) void event;
      };
      await expect(consume()).rejects.toMatchObject({ code: 'STORE-unavailable' });
    }
  });

  it('checks the input before it tries the network', async () => {
    await expect(store.append('bad stream', [{ type: 'A', data: {} }])).rejects.toMatchObject({
      field: 'streamId',
    });
    await expect(store.readAll({ maxCount: 0 })).rejects.toMatchObject({ field: 'maxCount' });
    expect(() => store.subscribe({ fromPosition: -1 })).toThrow(InvalidEventStoreInputError);
  });

  it('ends a stopped subscription without events, and refuses work once closed', async () => {
    const subscription = store.subscribe({});
    await subscription.stop();
    const seen = [];
    for await (const event of subscription) seen.push(event);
    expect(seen).toEqual([]);
    await store.close();
    await expect(store.ping()).rejects.toThrow('closed');
  });

  it('refuses a malformed connection string when created', () => {
    expect(() => EventStoreDbEventStore.fromConnectionString('http://nope')).toThrow(
      InvalidEventStoreInputError,
    );
  });
});

/** A local port nobody listens on: the connection is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
