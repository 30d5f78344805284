import { SqliteEventStore } from '@accounts/event-store';
import { defineProjection } from '@accounts/projections';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { kafkaConfigSchema, profileEventsSourceConfigSchema } from './kafka-config';
import { profileEventsSource } from './kafka-fed-source';
import { revokedTokensProjection } from '../revocations/revoked-tokens.projection';

const accounts = defineProjection({
  name: 'accounts',
  version: 1,
  tables: ['accounts'],
  filter: { eventTypes: ['AccountRegistered', 'UserNameReserved'] },
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

  it('by default feeds the given projections the public events from the store, and the others the store as it is', async () => {
    const config = loadConfig(schema, {});
    expect(config).toEqual({
      KAFKA_BROKERS: undefined,
      KAFKA_TOPIC_PARTITIONS: 3,
      PROFILE_EVENTS_SOURCE: 'store',
    });
    const source = profileEventsSource(store, config, 'auth-service', [accounts]);
    const metadata = {
      correlationId: 'c',
      causationId: 'k',
      actor: { kind: 'admin', accountId: 'x' },
      orgId: 'o',
      ip: '127.0.0.1',
    };
    await store.append('username-ann', [
      { type: 'UserNameReserved', data: { userName: 'ann', accountId: 'a' }, metadata },
    ]);
    const registered = {
      accountId: 'a',
      orgId: 'o',
      userName: 'ann',
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@example.com',
      mobilePhone: null,
      timeZone: 'UTC',
      sessionTimeout: '1h',
      accountType: 'standard',
      groupRestriction: { kind: 'all' },
      activation: { tokenSha256: 'a'.repeat(64), expiresAt: '2030-01-01T00:00:00.000Z' },
    };
    await store.append('account-a', [{ type: 'AccountRegistered', data: registered, metadata }]);
    const first = async (options: Parameters<typeof source.subscribe>[0]) => {
      const subscription = source.subscribe(options);
      const next = await subscription[Symbol.asyncIterator]().next();
      await subscription.stop();
      return next.value;
    };
    // The reservation is not published: the projection's first event is the public AccountRegistered.
    const seen = await first({ fromPosition: 0, filter: accounts.filter });
    expect(seen).toMatchObject({
      type: 'AccountRegistered',
      position: 2,
      streamId: 'a',
      data: { sessionTimeoutSeconds: 3600 },
    });
    expect(JSON.stringify(seen)).not.toContain('a'.repeat(64));
    expect(seen.metadata).toEqual({
      correlationId: 'c',
      causationId: 'k',
      actor: { kind: 'admin', accountId: 'x' },
      ip: '127.0.0.1',
    });
    // Any other subscription (the service's own projections) reads the store unchanged.
    expect(await first({ fromPosition: 0 })).toMatchObject({
      type: 'UserNameReserved',
      streamId: 'username-ann',
    });
  });

  it('refuses PROFILE_EVENTS_SOURCE=kafka without KAFKA_BROKERS at start, naming the variable', () => {
    const config = loadConfig(schema, { PROFILE_EVENTS_SOURCE: 'kafka' });
    expect(() => profileEventsSource(store, config, 'auth-service', [accounts])).toThrow(
      ConfigError,
    );
    expect(() => profileEventsSource(store, config, 'auth-service', [accounts])).toThrow(
      /PROFILE_EVENTS_SOURCE: kafka needs KAFKA_BROKERS/,
    );
    expect(() => loadConfig(schema, { PROFILE_EVENTS_SOURCE: 'bus' })).toThrow(
      /PROFILE_EVENTS_SOURCE: expected one of store, kafka/,
    );
  });

  it('with kafka, keeps lag and read-your-writes on the store (the Kafka path itself: tools/compose tests)', async () => {
    const config = loadConfig(schema, {
      PROFILE_EVENTS_SOURCE: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:1',
    });
    const source = profileEventsSource(store, config, 'auth-service', [accounts]);
    expect(source).not.toBe(store);
    await store.append('account-a', [
      {
        type: 'AccountEnabled',
        data: { accountId: 'a' },
        metadata: { correlationId: 'c', causationId: 'c', actor: { kind: 'system' } },
      },
    ]);
    expect(await source.headPosition?.()).toBe(await store.headPosition());
    expect((await source.readAll?.({ fromPosition: 0 }))?.map((event) => event.streamId)).toEqual([
      'account-a',
    ]);
  });

  it('with kafka, the revoked_tokens model still reads the store: credential revocations reach it without any topic', async () => {
    const config = loadConfig(schema, {
      PROFILE_EVENTS_SOURCE: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:1',
    });
    // As auth-service and credentials-service build it: only the profile read models come from Kafka.
    const source = profileEventsSource(store, config, 'auth-service', [accounts]);
    await store.append('apicredentials-a', [
      {
        type: 'ApiCredentialRevoked',
        data: { accountId: 'a', credentialId: 'c', reason: 'removed-by-owner' },
        metadata: {
          correlationId: 'r1',
          causationId: 'r1',
          actor: { kind: 'user', accountId: 'a' },
        },
      },
    ]);
    const subscription = source.subscribe({
      fromPosition: 0,
      filter: revokedTokensProjection.filter,
    });
    const next = await subscription[Symbol.asyncIterator]().next();
    await subscription.stop();
    expect(next.value).toMatchObject({
      type: 'ApiCredentialRevoked',
      streamId: 'apicredentials-a',
      data: { credentialId: 'c' },
    });
  });

  it('with kafka, asks the projection topic where it ends (a rebuild after a version bump waits for it), and the store-fed models nothing', async () => {
    const config = loadConfig(schema, {
      PROFILE_EVENTS_SOURCE: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:1',
    });
    const source = profileEventsSource(store, config, 'auth-service', [accounts]);
    // A store-fed model has one order: no per-partition mark, and no broker is asked.
    expect(await source.endProgress?.({ filter: revokedTokensProjection.filter })).toBeUndefined();
    // The Kafka-fed one asks its broker (none listens on port 1: the runner would retry).
    await expect(source.endProgress?.({ filter: accounts.filter })).rejects.toThrow();
  }, 60_000);
});
