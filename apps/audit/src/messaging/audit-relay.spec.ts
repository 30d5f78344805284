import {
  AuditPublication,
  AuditTopic,
  schemaFileOf,
  AuditPublicContracts,
  toPublicMessage,
  type EventEnvelope,
} from '@accounts/contracts';
import type { EventStore } from '@accounts/event-store';
import { EVENT_STORE, KAFKA_RELAY_HOST, type RelayHost, type TestApp } from '@accounts/service-kit';
import { ScriptedHistory, TestTokens } from '@accounts/testing';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sealStore, SEAL_STREAM } from '../application/seals';
import { AuditTestApp } from '../testing/audit-test-app';

const SCHEMAS = join(__dirname, '..', '..', '..', '..', 'libs', 'contracts', 'schemas');

describe('seals are published like every event (accounts.audit.v1)', () => {
  let tokens: TestTokens;
  let t: TestApp | undefined;

  beforeAll(async () => {
    tokens = await TestTokens.create();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const start = (env: Record<string, string>) =>
    AuditTestApp.start(tokens.verifier, env).then((app) => app.t);

  it('runs a relay of the audit-seals stream to accounts.audit.v1 when KAFKA_BROKERS is set, and none without', async () => {
    t = await start({});
    expect(t.app.get(KAFKA_RELAY_HOST)).toBeNull();
    await t.close();
    // A closed port: the relay runs and says it is not connected (the store is the outbox; nothing is lost).
    t = await start({ KAFKA_BROKERS: '127.0.0.1:1' });
    const host = t.app.get<RelayHost>(KAFKA_RELAY_HOST);
    expect(await host.relay.status()).toMatchObject({
      name: 'audit',
      topic: AuditTopic,
      running: true,
      connected: false,
    });
  });

  it('publishes a real seal as a public AuditSealed that validates against its committed schema, keyed by the chain', async () => {
    t = await start({});
    const store = t.app.get<EventStore>(EVENT_STORE);
    const script = new ScriptedHistory(store);
    const alice = await script.register('alice');
    await script.changePhone(alice, null, '+33612345678');
    const { position } = await sealStore(store);
    const [seal] = await store.readStream(SEAL_STREAM);
    expect(seal.position).toBe(position);
    const result = toPublicMessage(AuditPublication, seal as EventEnvelope);
    if (result.kind !== 'published') throw new Error(`AuditSealed not published: ${result.kind}`);
    const schema = JSON.parse(
      readFileSync(join(SCHEMAS, schemaFileOf(AuditPublicContracts.AuditSealed)), 'utf8'),
    );
    const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
    expect(validate(result.message.event) ? [] : validate.errors).toEqual([]);
    expect(result.message.key).toBe('audit-seals');
    expect(result.message.event.data).toMatchObject({
      count: 3,
      hash: (seal.data as { hash: string }).hash,
    });
  });
});
