import 'reflect-metadata';
import {
  AuthenticationPublication,
  CredentialsPublication,
  ProfilePublication,
  Topics,
} from '@accounts/contracts';
import { type NewEvent, SqliteEventStore } from '@accounts/event-store';
import {
  KafkaRelay,
  type PublicationTableLike,
  type RelayCheckpointStore,
} from '@accounts/messaging';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountActivity } from './account-activity';
import { AppModule } from './app.module';
import { EventSchemas } from './event-schemas';
import { kafkaOptions } from './kafka-options';
import { TOPICS } from './topics';

// The platform side is real (SQLite store, the services' relays with their publication tables, a
// Kafka 4 broker from tools/kafka); the consumer side knows only the topics and the schema files.
type Harness = typeof import('../../../tools/kafka/broker.cjs');
const harness: Harness = require(join(__dirname, '..', '..', '..', 'tools', 'kafka', 'broker.cjs'));
const availability = harness.kafkaAvailability();
const describeWithKafka = availability.ok
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} (skipped: ${availability.reason})`, body);

const memoryCheckpoint = (): RelayCheckpointStore => {
  let position = 0;
  return { read: () => position, write: (p) => (position = p) };
};

const metadata = {
  correlationId: 'corr',
  causationId: 'cause',
  actor: { kind: 'user', accountId: 'a1' },
  orgId: 'o1',
  ip: '10.0.0.1',
};
const event = (type: string, data: object): NewEvent => ({
  type,
  data,
  metadata,
});
const HEX = 'cd'.repeat(32);

async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeWithKafka(
  'examples/nestjs-consumer: a NestJS Kafka consumer of the public topics (real broker)',
  () => {
    let broker: Awaited<ReturnType<Harness['startKafka']>>;
    let dir: string;
    let store: SqliteEventStore;
    let consumer: INestMicroservice | undefined;
    const relays: KafkaRelay[] = [];

    beforeAll(async () => {
      broker = await harness.startKafka();
      dir = mkdtempSync(join(tmpdir(), 'nestjs-consumer-'));
      store = new SqliteEventStore({
        path: join(dir, 'events.sqlite'),
        pollIntervalMs: 10,
      });
    }, 180_000);

    afterAll(async () => {
      await consumer?.close();
      await Promise.all(relays.map((relay) => relay.stop()));
      await store?.close();
      await broker?.stop({ removeData: true });
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    /** The relays of the three services, as they run in production (here from an in-memory checkpoint). */
    const relayAll = async (): Promise<void> => {
      const spec: [string, string, readonly string[], PublicationTableLike][] = [
        [
          'profile-service',
          Topics.profile,
          ['account-', 'organization-', 'username-'],
          ProfilePublication,
        ],
        [
          'auth-service',
          Topics.authentication,
          ['authenticator-', 'signinguard-'],
          AuthenticationPublication,
        ],
        ['credentials-service', Topics.credentials, ['apicredentials-'], CredentialsPublication],
      ];
      const batch = spec.map(
        ([name, topic, streamPrefixes, publication]) =>
          new KafkaRelay({
            name,
            store,
            topic,
            filter: { streamPrefixes },
            publication,
            kafka: { brokers: broker.brokers },
            checkpoint: memoryCheckpoint(),
            partitions: 3,
          }),
      );
      relays.push(...batch);
      for (const relay of batch) relay.start();
      await eventually(
        async () =>
          (await Promise.all(batch.map((r) => r.status()))).every(
            (s) => s.connected && s.lag === 0,
          ),
        30_000,
        'relays caught up',
      );
      await Promise.all(batch.map((relay) => relay.stop()));
    };

    it('validates every message against its JSON Schema, keeps each account in position order, ignores redeliveries, sets aside what does not match', async () => {
      const schemas = new EventSchemas();
      expect(schemas.size).toBeGreaterThanOrEqual(45);

      await store.append('organization-o1', [
        event('OrganizationCreated', {
          orgId: 'o1',
          name: 'Acme',
          twoFactorRequired: false,
          emailEditableByUsers: true,
          allowedSecondFactors: ['email'],
        }),
      ]);
      await store.append('username-alice', [
        event('UserNameReserved', { userName: 'alice', accountId: 'a1' }),
      ]);
      await store.append('account-a1', [
        event('AccountRegistered', {
          accountId: 'a1',
          orgId: 'o1',
          userName: 'alice',
          firstName: 'Alice',
          lastName: 'Admin',
          email: 'alice@example.com',
          mobilePhone: null,
          timeZone: 'Europe/Paris',
          sessionTimeout: '1h',
          accountType: 'administrator',
          groupRestriction: { kind: 'all' },
          activation: {
            tokenSha256: HEX,
            expiresAt: '2030-01-01T00:00:00.000Z',
          },
        }),
      ]);
      await store.append('authenticator-a1', [
        event('PasswordSet', {
          accountId: 'a1',
          passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
        }),
      ]);
      await store.append('signinguard-a1', [
        event('SignInSucceeded', {
          accountId: 'a1',
          signinId: 's1',
          guard: {
            consecutiveFailures: 0,
            lockedUntil: null,
            recentFailures: [],
            lastTotpStep: null,
          },
          succeededAt: '2026-12-01T10:00:00.000Z',
        }),
      ]);
      await store.append('account-a1', [
        event('AccountEmailChanged', {
          accountId: 'a1',
          from: 'alice@example.com',
          to: 'a@example.com',
        }),
      ]);
      await store.append('apicredentials-a1', [
        event('ApiCredentialGenerated', {
          accountId: 'a1',
          credentialId: 'c1',
          clientId: 'aci_1',
          name: 'ci',
          expiresAt: null,
          secretHash: 'hmac-sha256:eA',
        }),
      ]);
      await relayAll();

      // A message that is not the contract (a field the schema does not know), as a faulty producer might send.
      const kafka = new Kafka({
        brokers: [broker.brokers],
        clientId: 'faulty-producer',
        logLevel: logLevel.NOTHING,
      });
      const producer = kafka.producer();
      await producer.connect();
      const bad = {
        eventId: 'bad-1',
        type: 'AccountEmailChanged',
        schemaVersion: 1,
        position: 99,
        occurredAt: '2026-12-01T10:00:00.000Z',
        data: { accountId: 'a2', from: 'x', to: 'y', passwordHash: 'x' },
        metadata: {
          correlationId: 'c',
          causationId: 'k',
          actor: { kind: 'system' },
        },
      };
      await producer.send({
        topic: Topics.profile,
        messages: [
          {
            key: 'a2',
            value: JSON.stringify(bad),
            headers: {
              'content-type': 'application/json',
              type: 'AccountEmailChanged',
            },
          },
        ],
      });
      await producer.disconnect();

      consumer = await NestFactory.createMicroservice(AppModule, {
        ...kafkaOptions(broker.brokers, 'example-team'),
        logger: false,
      });
      await consumer.listen();
      const activity = consumer.get(AccountActivity);

      // Published: OrganizationCreated, AccountRegistered, PasswordChanged, SignInSucceeded, AccountEmailChanged, ApiCredentialGenerated.
      await eventually(
        () => activity.applied === 6 && activity.rejected.length === 1,
        60_000,
        'consumer applied the public events',
      );
      expect(activity.timeline('a1').map((entry) => [entry.type, entry.topic])).toEqual([
        ['AccountRegistered', Topics.profile],
        ['PasswordChanged', Topics.authentication],
        ['SignInSucceeded', Topics.authentication],
        ['AccountEmailChanged', Topics.profile],
        ['ApiCredentialGenerated', Topics.credentials],
      ]);
      expect(activity.timeline('o1').map((entry) => entry.type)).toEqual(['OrganizationCreated']);
      expect(activity.rejected).toEqual([
        {
          topic: Topics.profile,
          offset: expect.any(String),
          reason: expect.stringContaining('must NOT have additional properties'),
        },
      ]);
      expect(activity.timeline('a2')).toEqual([]);

      // At least once: the relays publish everything again (a lost checkpoint); the consumer's state does not change.
      await relayAll();
      await eventually(() => activity.duplicates === 6, 60_000, 'redeliveries seen');
      expect(activity.applied).toBe(6);
      expect(activity.timeline('a1')).toHaveLength(5);
      expect(TOPICS).toEqual(Object.values(Topics));
    }, 150_000);
  },
);
