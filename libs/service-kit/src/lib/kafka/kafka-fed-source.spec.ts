import { SqliteEventStore } from '@accounts/event-store';
import { defineProjection } from '@accounts/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { kafkaConfigSchema, profileEventsSourceConfigSchema } from './kafka-config';
import { profileEventsSource } from './kafka-fed-source';

const accounts = defineProjection({
  name: 'accounts',
  version: 1,
  tables: ['accounts'],
  filter: { streamPrefixes: ['account-'] },
  idempotency: 'eventId',
  schema: (t) => `CREATE TABLE ${t.accounts} (id TEXT PRIMARY KEY)`,
  apply: () => undefined,
});

describe('profileEventsSource', () => {
  let dir: string;
  let store: SqliteEventStore;
  const schema = { ...kafkaConfigSchema, ...profileEventsSourceConfigSchema };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-fed-source-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the store itself by default: without Kafka settings nothing changes', () => {
    const config = loadConfig(schema, {});
    expect(config).toEqual({ KAFKA_BROKERS: undefined, KAFKA_TOPIC_PARTITIONS: 3, PROFILE_EVENTS_SOURCE: 'store' });
    expect(profileEventsSource(store, config, 'auth-service', [accounts])).toBe(store);
  });

  it('refuses PROFILE_EVENTS_SOURCE=kafka without KAFKA_BROKERS at start, naming the variable', () => {
    const config = loadConfig(schema, { PROFILE_EVENTS_SOURCE: 'kafka' });
    expect(() => profileEventsSource(store, config, 'auth-service', [accounts])).toThrow(ConfigError);
    expect(() => profileEventsSource(store, config, 'auth-service', [accounts])).toThrow(/PROFILE_EVENTS_SOURCE: kafka needs KAFKA_BROKERS/);
    expect(() => loadConfig(schema, { PROFILE_EVENTS_SOURCE: 'bus' })).toThrow(/PROFILE_EVENTS_SOURCE: expected one of store, kafka/);
  });

  it('with kafka, keeps lag and read-your-writes on the store (the Kafka path itself: tools/compose tests)', async () => {
    const config = loadConfig(schema, { PROFILE_EVENTS_SOURCE: 'kafka', KAFKA_BROKERS: '127.0.0.1:1' });
    const source = profileEventsSource(store, config, 'auth-service', [accounts]);
    expect(source).not.toBe(store);
    await store.append('account-a', [{ type: 'AccountRegistered', data: { accountId: 'a' }, metadata: {} }]);
    expect(await source.headPosition?.()).toBe(await store.headPosition());
    expect((await source.readAll?.({ fromPosition: 0 }))?.map((event) => event.streamId)).toEqual(['account-a']);
  });
});
