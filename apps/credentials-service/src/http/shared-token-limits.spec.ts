import { TestTokens } from '@accounts/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialsTestApp } from '../testing/credentials-test-app';

const basic = (clientId: string, secret: string) =>
  Buffer.from(`${clientId}:${secret}`).toString('base64');

/**
 * Two credentials-service instances on one DATA_DIR, as the worker processes of one service run:
 * the back-offs of POST /oauth/token live in DATA_DIR/credentials-service-limits.sqlite, so spreading
 * guesses over the instances buys nothing; the owner's secret from a clean address still works.
 */
describe('POST /oauth/token limits shared by the instances of credentials-service on one host', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credentials-shared-limits-'));
  let tokens: TestTokens;
  let one: CredentialsTestApp;
  let two: CredentialsTestApp;
  beforeAll(async () => {
    tokens = await TestTokens.create();
    const env = { DATA_DIR: dataDir, TRUST_PROXY: 'loopback' };
    one = await CredentialsTestApp.start(tokens.verifier, env);
    two = await CredentialsTestApp.start(tokens.verifier, env);
    await one.registerAccount('ann', 'org-1');
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const from = (instance: CredentialsTestApp, address: string, clientId: string, secret: string) =>
    instance.http
      .post('/oauth/token')
      .set('X-Forwarded-For', address)
      .set('Authorization', `Basic ${basic(clientId, secret)}`)
      .type('form')
      .send({ grant_type: 'client_credentials' });

  it('5 wrong secrets spread over both instances back off the address on both; the owner gets in from another', async () => {
    const created = await one.http
      .post('/api-credentials')
      .set(await tokens.bearer({ accountId: 'ann', orgId: 'org-1' }))
      .send({})
      .expect(201);
    const key = created.body as { clientId: string; secret: string };
    await two.readModels.runner.waitForPosition(await two.headPosition(), 5_000);
    for (let i = 0; i < 5; i++)
      await from(i % 2 ? two : one, '203.0.113.7', key.clientId, 'acs_wrong').expect(401);
    await from(one, '203.0.113.7', key.clientId, key.secret).expect(429);
    await from(two, '203.0.113.7', key.clientId, key.secret).expect(429);
    await from(two, '198.51.100.1', key.clientId, key.secret).expect(200);
  });

  it('a credential revoked through one instance is refused by the other on its next request, though the other had just served it', async () => {
    const created = await one.http
      .post('/api-credentials')
      .set(await tokens.bearer({ accountId: 'ann', orgId: 'org-1' }))
      .send({})
      .expect(201);
    const key = created.body as { id: string; clientId: string; secret: string };
    await two.readModels.runner.waitForPosition(await two.headPosition(), 5_000);
    // Served (and its key remembered) by the second instance, twice.
    await from(two, '198.51.100.2', key.clientId, key.secret).expect(200);
    await from(two, '198.51.100.2', key.clientId, key.secret).expect(200);
    await one.http
      .delete(`/api-credentials/${key.id}`)
      .set(await tokens.bearer({ accountId: 'ann', orgId: 'org-1' }))
      .expect(204);
    await from(two, '198.51.100.2', key.clientId, key.secret).expect(401);
  });
});
