import { type Projection, ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { profileEventsSource } from '@accounts/service-kit';
import { TestTokens } from '@accounts/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileFactsProjection } from '../../apps/auth-service/src/projections/profile-facts.projection';
import { accountsProjection } from '../../apps/credentials-service/src/projections/accounts.projection';
import { ReadModels } from '../../apps/profile-service/src/projections/read-models';
import {
  expectStatus,
  ProfileTestApp,
} from '../../apps/profile-service/src/testing/profile-test-app';

// The path the compose stack runs (PROFILE_EVENTS_SOURCE=kafka): profile-service's relay publishes
// its events to accounts.profile.v2; auth-service's profile facts are built from that topic.
type Harness = typeof import('../kafka/broker.cjs');
const harness: Harness = require(join(__dirname, '..', 'kafka', 'broker.cjs'));
const availability = harness.kafkaAvailability();
const describeWithKafka = availability.ok
  ? describe
  : (title: string, body: () => void) =>
      describe.skip(`${title} (skipped: ${availability.reason})`, body);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every row of auth-service's profile facts, in a stable order. */
const factsOf = (database: ReadModelDatabase) => ({
  accounts: database.all('SELECT * FROM profile_accounts ORDER BY account_id'),
  orgs: database.all('SELECT * FROM profile_orgs ORDER BY org_id'),
  admins: database.all('SELECT * FROM profile_org_admins ORDER BY org_id, account_id'),
});

describeWithKafka('profile events over a real Kafka broker', () => {
  let broker: Awaited<ReturnType<Harness['startKafka']>>;
  let dir: string;
  let profile: ProfileTestApp | undefined;
  const runners: ProjectionRunner[] = [];
  const databases: ReadModelDatabase[] = [];

  beforeAll(async () => {
    broker = await harness.startKafka();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    for (const database of databases) database.close();
    await profile?.close();
    await broker?.stop({ removeData: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** A service's read model of profile events, as its ReadModels builds it (same projection, configurable source). */
  const runReadModel = async (
    name: string,
    service: string,
    projection: Projection,
    settings: Parameters<typeof profileEventsSource>[1],
  ) => {
    const database = new ReadModelDatabase({ path: join(dir, `${name}.sqlite`) });
    databases.push(database);
    if (!profile) throw new Error('profile-service is not running');
    const source = profileEventsSource(profile.store, settings, service, [projection]);
    const runner = new ProjectionRunner({
      database,
      source,
      projections: [projection],
      logger: silent,
      restartDelayMs: 200,
    });
    runners.push(runner);
    await runner.start();
    return { database, runner };
  };

  it("relays profile-service's events; auth-service's profile facts fed from Kafka equal the store-fed ones", async () => {
    dir = mkdtempSync(join(tmpdir(), 'profile-over-kafka-'));
    const tokens = await TestTokens.create();
    profile = await ProfileTestApp.start(tokens, {
      KAFKA_BROKERS: broker.brokers,
      KAFKA_TOPIC_PARTITIONS: '3',
    });
    const app = profile;

    const { admin } = await app.createOrganization('alice');
    const bob = (await app.registerAccount(admin, 'bob')).member;
    await app.registerAccount(admin, 'carol', { accountType: 'administrator' });
    await app.createOrganization('zoe');
    expectStatus(
      await app
        .http()
        .post(`/accounts/${bob.accountId}/disable`)
        .set(await app.as(admin))
        .send({}),
      200,
    );
    expectStatus(
      await app
        .http()
        .put(`/organizations/${admin.orgId}/settings`)
        .set(await app.as(admin))
        .send({ twoFactorRequired: true }),
      200,
    );

    // The relay (started by the app because KAFKA_BROKERS is set) catches up: /health and /metrics say so.
    await eventually(
      async () => (await app.http().get('/health')).body?.info?.kafkaRelay?.lag === 0,
      30_000,
      'relay caught up',
    );
    const health = (await app.http().get('/health')).body;
    expect(health.info.kafkaRelay).toMatchObject({
      status: 'up',
      topic: 'accounts.profile.v2',
      running: true,
      connected: true,
      lag: 0,
    });
    const metrics = (await app.http().get('/metrics')).text;
    expect(metrics).toMatch(
      /^relay_lag_events\{topic="accounts\.profile\.v2",service="profile-service"\} 0$/m,
    );

    // The checkpoint is in profile-service's read-model file, at the last profile event.
    const checkpoint = app.t.app.get(ReadModels).database.get<{
      position: number;
    }>('SELECT position FROM relay_checkpoints WHERE name = ?', 'profile-service accounts.profile.v2');
    expect(checkpoint?.position).toBe(await app.headPosition());

    const fromStore = await runReadModel('auth-store-fed', 'auth-service', profileFactsProjection, {
      PROFILE_EVENTS_SOURCE: 'store',
    });
    await fromStore.runner.waitForPosition(await app.headPosition(), 10_000);
    const expected = factsOf(fromStore.database);
    expect(expected.accounts).toHaveLength(4);
    expect(expected.accounts.find((row) => row['account_id'] === bob.accountId)).toMatchObject({
      enabled: 0,
    });
    expect(expected.orgs).toHaveLength(2);

    const kafka = { PROFILE_EVENTS_SOURCE: 'kafka', KAFKA_BROKERS: broker.brokers } as const;
    const fromKafka = await runReadModel(
      'auth-kafka-fed',
      'auth-service',
      profileFactsProjection,
      kafka,
    );
    await eventually(
      () => JSON.stringify(factsOf(fromKafka.database)) === JSON.stringify(expected),
      30_000,
      'Kafka-fed facts equal',
    );
    expect(factsOf(fromKafka.database)).toEqual(expected);
    expect((await fromKafka.runner.status())[0]).toMatchObject({
      name: 'profile_facts',
      parkedEvents: 0,
      error: undefined,
    });

    // credentials-service's account list, the other consumer of the topic (its own consumer group).
    const accountsOf = (database: ReadModelDatabase) =>
      database.all('SELECT * FROM accounts ORDER BY account_id');
    const credentialsFromStore = await runReadModel(
      'credentials-store-fed',
      'credentials-service',
      accountsProjection,
      { PROFILE_EVENTS_SOURCE: 'store' },
    );
    await credentialsFromStore.runner.waitForPosition(await app.headPosition(), 10_000);
    const expectedAccounts = accountsOf(credentialsFromStore.database);
    expect(expectedAccounts).toHaveLength(4);
    const credentialsFromKafka = await runReadModel(
      'credentials-kafka-fed',
      'credentials-service',
      accountsProjection,
      kafka,
    );
    await eventually(
      () =>
        JSON.stringify(accountsOf(credentialsFromKafka.database)) ===
        JSON.stringify(expectedAccounts),
      30_000,
      'Kafka-fed accounts equal',
    );
  }, 90_000);
});

describe('without KAFKA_BROKERS (embedded bus only)', () => {
  it('profile-service runs no relay: /health and /metrics say nothing of Kafka', async () => {
    const app = await ProfileTestApp.start(await TestTokens.create());
    try {
      await app.createOrganization('alice');
      const health = await app.http().get('/health');
      expectStatus(health, 200);
      expect(health.body.info.kafkaRelay).toBeUndefined();
      expect((await app.http().get('/metrics')).text).not.toContain('relay_lag_events');
    } finally {
      await app.close();
    }
  });
});
