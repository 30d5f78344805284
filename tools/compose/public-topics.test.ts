import {
  credentialLikeFields,
  PublicTopicCatalog,
  Topics,
  toPublicMessage,
} from '@accounts/contracts';
import type { RecordedEvent } from '@accounts/event-store';
import { TestTokens } from '@accounts/testing';
import Ajv, { type ValidateFunction } from 'ajv';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  expectStatus as expectAuthStatus,
  AuthTestApp,
  STRONG_PASSWORD,
  totpAt,
} from '../../apps/auth-service/src/testing/auth-test-app';
import { CredentialsTestApp } from '../../apps/credentials-service/src/testing/credentials-test-app';
import {
  expectStatus,
  ProfileTestApp,
} from '../../apps/profile-service/src/testing/profile-test-app';

// The whole journey through the three services, relayed to a real Kafka broker, then every topic read
// back as another team would: nothing credential-like, every message valid against the AsyncAPI
// document's headers and JSON Schema, keyed by the key rule, ordered by position under each key.
type Harness = typeof import('../kafka/broker.cjs');
const harness: Harness = require(join(__dirname, '..', 'kafka', 'broker.cjs'));
const availability = harness.kafkaAvailability();
const describeWithKafka = availability.ok
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} (skipped: ${availability.reason})`, body);

const CONTRACTS = join(__dirname, '..', '..', 'libs', 'contracts');

interface TopicMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly value: Record<string, unknown>;
}

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

/** Every message of a topic up to its end now, by a throw-away consumer group. */
async function readTopic(kafka: Kafka, topic: string): Promise<TopicMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]),
  );
  await admin.disconnect();
  const remaining = new Set(
    [...ends].filter(([, high]) => high > 0).map(([partition]) => partition),
  );
  const messages: TopicMessage[] = [];
  if (remaining.size === 0) return messages;
  const consumer = kafka.consumer({
    groupId: `public-topics-${topic}-${Date.now()}`,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${topic} not read in time`)), 30_000);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
        );
        messages.push({
          topic,
          partition,
          offset: Number(message.offset),
          key: message.key?.toString() ?? '',
          headers,
          value: JSON.parse(message.value?.toString() ?? 'null'),
        });
        if (Number(message.offset) >= (ends.get(partition) ?? 0) - 1) remaining.delete(partition);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return messages;
}

/** Validators from the committed AsyncAPI document and the schema files it points to (not from the code). */
function asyncApiValidators() {
  const document = parse(readFileSync(join(CONTRACTS, 'asyncapi.yaml'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const byTopic = new Map<
    string,
    Map<string, { headers: ValidateFunction; payload: ValidateFunction; keyField: string }>
  >();
  for (const channel of Object.values<{
    address: string;
    messages: Record<string, { $ref: string }>;
  }>(document.channels)) {
    const messages = new Map<
      string,
      { headers: ValidateFunction; payload: ValidateFunction; keyField: string }
    >();
    for (const [id, ref] of Object.entries(channel.messages)) {
      const message = document.components.messages[ref.$ref.split('/').pop() as string];
      const schema = JSON.parse(readFileSync(join(CONTRACTS, message.payload.schema.$ref), 'utf8'));
      messages.set(id, {
        headers: ajv.compile(message.headers),
        payload: ajv.compile(schema),
        keyField: message['x-key-field'],
      });
    }
    byTopic.set(channel.address, messages);
  }
  return byTopic;
}

describeWithKafka(
  'public events on the three topics after a journey through the three services (real Kafka)',
  () => {
    let broker: Awaited<ReturnType<Harness['startKafka']>>;
    let dir: string;
    let profile: ProfileTestApp | undefined;
    let auth: AuthTestApp | undefined;
    let credentials: CredentialsTestApp | undefined;

    beforeAll(async () => {
      broker = await harness.startKafka();
    }, 180_000);

    afterAll(async () => {
      await credentials?.close();
      await auth?.close();
      await profile?.close();
      await broker?.stop({ removeData: true });
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('carries no credential material, only valid public events, keyed by accountId or orgId, in position order per key', async () => {
      dir = mkdtempSync(join(tmpdir(), 'public-topics-'));
      const env = {
        DATA_DIR: dir,
        KAFKA_BROKERS: broker.brokers,
        KAFKA_TOPIC_PARTITIONS: '3',
      };
      const tokens = await TestTokens.create();
      profile = await ProfileTestApp.start(tokens, env);
      auth = await AuthTestApp.start(env);
      credentials = await CredentialsTestApp.start(tokens.verifier, env);
      const authApp = auth;
      const credentialsApp = credentials;

      // profile-service: an organization with its administrator, a member, settings, profile edits.
      const { admin, body } = await profile.createOrganization('alice');
      const bob = (await profile.registerAccount(admin, 'bob')).member;
      const adminBearer = await profile.as(admin);
      expectStatus(
        await profile
          .http()
          .put(`/organizations/${admin.orgId}/settings`)
          .set(adminBearer)
          .send({ emailEditableByUsers: false }),
        200,
      );
      expectStatus(
        await profile
          .http()
          .patch('/accounts/me')
          .set(adminBearer)
          .send({ sessionTimeout: '1h', mobilePhone: '+33 6 12 34 56 78' }),
        200,
      );

      // auth-service: activation (the token comes back outside production), a wrong password, sign-in,
      // an authenticator app, refresh, password change, logout.
      const token = new URL(body.administrator.activationLink).searchParams.get('token');
      await eventually(
        async () =>
          (await authApp.http().post('/auth/activate').send({ token, password: STRONG_PASSWORD }))
            .status === 200,
        10_000,
        'activated',
      );
      expectAuthStatus(await auth.login('alice', 'not the password at all'), 401);
      const signedIn = await auth.tokens('alice');
      const chosen = await auth
        .http()
        .put('/auth/me/method')
        .set(signedIn.bearer)
        .send({ method: 'authenticator' });
      expectAuthStatus(chosen, 200);
      const code = await totpAt(chosen.body.enrollment.secret, Date.now());
      expectAuthStatus(
        await auth
          .http()
          .post('/auth/me/authenticator/confirm')
          .set(signedIn.bearer)
          .send({ code }),
        200,
      );
      const refreshed = await auth
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: signedIn.refreshToken });
      expectAuthStatus(refreshed, 200);
      const newPassword = 'another long passphrase 43';
      expectAuthStatus(
        await auth
          .http()
          .put('/auth/me/password')
          .set({ Authorization: `Bearer ${refreshed.body.accessToken}` })
          .send({
            currentPassword: STRONG_PASSWORD,
            newPassword,
            repeatPassword: newPassword,
            endOtherSessions: true,
          }),
        200,
      );

      // credentials-service: generate, use, regenerate, revoke.
      const bobBearer = await tokens.bearer(bob);
      await eventually(
        async () =>
          (
            await credentialsApp.http
              .post('/api-credentials')
              .set(bobBearer)
              .send({ name: 'probe' })
          ).status === 201,
        10_000,
        'bob known',
      );
      const key = (
        await credentials.http
          .post('/api-credentials')
          .set(bobBearer)
          .send({ name: 'ci' })
          .expect(201)
      ).body;
      await credentials.token(key.clientId, key.secret).expect(200);
      const renewed = (
        await credentials.http
          .post(`/api-credentials/${key.id}/regenerate`)
          .set(bobBearer)
          .expect(200)
      ).body;
      await credentials.http.delete(`/api-credentials/${key.id}`).set(bobBearer).expect(204);

      // Disabling bob ends his credentials: a profile event consumed by the others.
      expectStatus(
        await profile.http().post(`/accounts/${bob.accountId}/disable`).set(adminBearer).send({}),
        200,
      );

      // Every relay catches up with the shared store.
      for (const app of [profile.http(), auth.http(), credentials.http])
        await eventually(
          async () => (await app.get('/health')).body?.info?.kafkaRelay?.lag === 0,
          30_000,
          'relay caught up',
        );

      const stored: RecordedEvent[] = await profile.store.readAll({});
      const secrets = [
        key.secret,
        renewed.secret,
        token as string,
        STRONG_PASSWORD,
        newPassword,
        chosen.body.enrollment.secret,
        signedIn.refreshToken,
      ];
      const kafka = new Kafka({
        brokers: [broker.brokers],
        clientId: 'public-topics-test',
        logLevel: logLevel.NOTHING,
      });
      const validators = asyncApiValidators();
      const published = new Set<string>();

      // The journey runs the three account services, not the audit service: its seals topic is tested in apps/audit.
      for (const entry of PublicTopicCatalog.filter((e) => e.producer !== 'audit')) {
        const messages = await readTopic(kafka, entry.topic);
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) {
          const raw = JSON.stringify(message);
          for (const secret of secrets) expect(raw).not.toContain(secret);
          expect({
            topic: entry.topic,
            type: message.value['type'],
            found: credentialLikeFields(message.value),
          }).toEqual({
            topic: entry.topic,
            type: message.value['type'],
            found: [],
          });
          expect(credentialLikeFields(message.headers)).toEqual([]);
          const spec = validators
            .get(entry.topic)
            ?.get(`${message.value['type']}.v${message.value['schemaVersion']}`);
          expect(spec).toBeDefined();
          if (!spec) continue;
          expect(spec.payload(message.value) ? [] : spec.payload.errors).toEqual([]);
          expect(spec.headers(message.headers) ? [] : spec.headers.errors).toEqual([]);
          expect(message.key).toBe(
            (message.value['data'] as Record<string, string>)[spec.keyField],
          );
          expect(message.headers['eventId']).toBe(message.value['eventId']);
          published.add(String(message.value['eventId']));
        }
        // Under one key, positions only grow (duplicates of at-least-once aside).
        const byKey = new Map<string, number[]>();
        for (const m of [...messages].sort(
          (a, b) => a.partition - b.partition || a.offset - b.offset,
        ))
          byKey.set(m.key, [...(byKey.get(m.key) ?? []), Number(m.value['position'])]);
        for (const positions of byKey.values())
          expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));

        // Every store event of this service had a decision, and exactly the published ones are on the topic.
        const own = stored.filter(
          (event) =>
            Object.prototype.hasOwnProperty.call(entry.publication, event.type) ||
            ownStream(entry.topic, event),
        );
        for (const event of own) {
          const result = toPublicMessage(entry.publication, event);
          expect({ type: event.type, kind: result.kind }).not.toEqual({
            type: event.type,
            kind: 'no-decision',
          });
          expect({
            type: event.type,
            onTopic: published.has(event.eventId),
          }).toEqual({
            type: event.type,
            onTopic: result.kind === 'published',
          });
        }
      }
      // The journey reached the event types that used to leak.
      const types = new Set(stored.map((event) => event.type));
      for (const type of [
        'PasswordSet',
        'PasswordChanged',
        'AuthenticatorEnrollmentStarted',
        'SessionRefreshed',
        'SignInSucceeded',
        'SignInAttemptFailed',
        'ApiCredentialGenerated',
        'ApiCredentialRegenerated',
        'AccountRegistered',
      ])
        expect(types).toContain(type);
    }, 150_000);
  },
);

/** Events of the service's own streams (so that a type missing from its table is still checked). */
function ownStream(topic: string, event: RecordedEvent): boolean {
  const prefixes: Record<string, readonly string[]> = {
    [Topics.profile]: ['account-', 'organization-', 'username-', 'organizations-bootstrap'],
    [Topics.authentication]: ['authenticator-', 'signin-', 'signinguard-', 'session-'],
    [Topics.credentials]: ['apicredentials-'],
  };
  return prefixes[topic].some((prefix) => event.streamId.startsWith(prefix));
}
