import { decodeJwt } from 'jose';
import { TestTokens } from '@accounts/testing';
import { TokenVerifier } from '@accounts/security';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { basic, CredentialsTestApp } from '../testing/credentials-test-app';

const ann = { accountId: 'ann', orgId: 'org-1' };
const GENERIC_401 = { error: 'invalid_client', error_description: 'Client authentication failed' };

describe('POST /oauth/token (client-credentials grant)', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;

  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(async () => {
    h = await CredentialsTestApp.start(tokens.verifier);
    await h.registerAccount('ann', 'org-1', 'administrator');
  });
  afterEach(() => h.close());

  async function generate(body: object = {}) {
    const response = await h.http
      .post('/api-credentials')
      .set(await tokens.bearer(ann))
      .send(body)
      .expect(201);
    return response.body as { id: string; clientId: string; secret: string };
  }

  async function expectRefused(clientId: string, secret: string): Promise<void> {
    const response = await h.token(clientId, secret).expect(401);
    expect(response.body).toEqual(GENERIC_401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm="credentials-service"/);
    expect(response.headers['cache-control']).toBe('no-store');
  }

  it('exchanges clientId:secret for a 5-minute access token that verifies against the published keys', async () => {
    const key = await generate();
    const response = await h.token(key.clientId, key.secret).expect(200);
    expect(response.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'profile:read',
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['pragma']).toBe('no-cache');

    const jwks = (await h.http.get('/.well-known/jwks.json').expect(200)).body;
    const fileJwks = JSON.parse(
      readFileSync(join(h.t.dataDir, 'keys', 'credentials-service.jwks.json'), 'utf8'),
    );
    // The file other services of the machine verify with names its issuer, the URL in iss.
    expect(fileJwks).toEqual({ issuer: 'http://127.0.0.1:3000', ...jwks });
    const verifier = new TokenVerifier({ [fileJwks.issuer]: { jwks: () => jwks } }, 'accounts');
    const principal = await verifier.verify(response.body.access_token);
    expect(principal).toEqual({
      kind: 'api',
      accountId: 'ann',
      orgId: 'org-1',
      accountType: 'administrator',
      sessionId: key.id,
      amr: ['client_credentials'],
      authTime: expect.any(Number),
      scopes: ['profile:read'],
      clientId: key.clientId,
    });
    expect(Math.abs(principal.authTime - Date.now() / 1000)).toBeLessThan(5);
  });

  it('accepts a JSON body as well as a form', async () => {
    const key = await generate();
    const response = await h.http
      .post('/oauth/token')
      .set('Authorization', `Basic ${basic(key.clientId, key.secret)}`)
      .send({ grant_type: 'client_credentials', whatever: 1 })
      .expect(200);
    expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(decodeJwt(response.body.access_token)).toMatchObject({ client_id: key.clientId });
  });

  it('answers the same generic 401 for a wrong secret, an unknown client and a malformed header', async () => {
    const key = await generate();
    // Another last character: a secret that already ends in "x" must not be sent back unchanged
    // (1 run in 64 got 200 for its own, right secret).
    const other = key.secret.endsWith('x') ? 'y' : 'x';
    await expectRefused(key.clientId, `${key.secret.slice(0, -1)}${other}`);
    await expectRefused('aci_doesnotexist0000000000', key.secret);
    const noHeader = await h.http
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(401);
    expect(noHeader.body).toEqual(GENERIC_401);
    const notBasic = await h.http
      .post('/oauth/token')
      .set('Authorization', 'Bearer x')
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(401);
    expect(notBasic.body).toEqual(GENERIC_401);
  });

  it('answers 400 in RFC 6749 shape for a missing, repeated or unsupported grant type', async () => {
    const key = await generate();
    const auth = { Authorization: `Basic ${basic(key.clientId, key.secret)}` };
    const missing = await h.http.post('/oauth/token').set(auth).type('form').send('').expect(400);
    expect(missing.body).toEqual({
      error: 'invalid_request',
      error_description: 'grant_type is missing',
    });
    const twice = await h.http
      .post('/oauth/token')
      .set(auth)
      .type('form')
      .send('grant_type=client_credentials&grant_type=password')
      .expect(400);
    expect(twice.body.error).toBe('invalid_request');
    const password = await h.http
      .post('/oauth/token')
      .set(auth)
      .type('form')
      .send({ grant_type: 'password' })
      .expect(400);
    expect(password.body).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'Only grant_type=client_credentials is supported here',
    });
  });

  it('refuses the old secret on the very next request after regenerate, and takes the new one', async () => {
    const key = await generate();
    await h.token(key.clientId, key.secret).expect(200);
    const renewed = await h.http
      .post(`/api-credentials/${key.id}/regenerate`)
      .set(await tokens.bearer(ann))
      .expect(200);
    await expectRefused(key.clientId, key.secret);
    await h.token(key.clientId, renewed.body.secret).expect(200);
  });

  it('refuses a revoked credential on the very next request, also when an administrator revoked it', async () => {
    const mine = await generate();
    const other = await generate();
    await h.token(mine.clientId, mine.secret).expect(200);
    await h.http
      .delete(`/api-credentials/${mine.id}`)
      .set(await tokens.bearer(ann))
      .expect(204);
    await expectRefused(mine.clientId, mine.secret);

    await h.registerAccount('boss', 'org-1', 'administrator');
    await h.http
      .delete(`/api-credentials/${other.id}`)
      .set(await tokens.bearer({ accountId: 'boss', orgId: 'org-1' }))
      .expect(204);
    await expectRefused(other.clientId, other.secret);
  });

  it('refuses an expired credential', async () => {
    const key = await generate({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await h.token(key.clientId, key.secret).expect(200);
    h.advance(61_000);
    await expectRefused(key.clientId, key.secret);
  });

  it('stops every credential of a disabled account, and starts them again when enabled, without regenerating', async () => {
    const first = await generate();
    const second = await generate();
    await h.disableAccount('ann');
    await expectRefused(first.clientId, first.secret);
    await expectRefused(second.clientId, second.secret);
    await h.enableAccount('ann');
    await h.token(first.clientId, first.secret).expect(200);
    await h.token(second.clientId, second.secret).expect(200);
    expect((await h.allEvents()).filter((e) => e.type === 'ApiCredentialRegenerated')).toEqual([]);
  });

  it('backs off a clientId after 5 failures in a row: 429 with Retry-After, even for the right secret', async () => {
    const key = await generate();
    for (let i = 0; i < 5; i++) await expectRefused(key.clientId, 'acs_wrong');
    const blocked = await h.token(key.clientId, key.secret).expect(429);
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.body).toEqual({
      error: 'invalid_client',
      error_description: 'Too many failed attempts; retry in 1 seconds',
    });

    h.advance(1_000);
    await expectRefused(key.clientId, 'acs_wrong');
    expect((await h.token(key.clientId, key.secret).expect(429)).headers['retry-after']).toBe('2');
    h.advance(2_000);
    await h.token(key.clientId, key.secret).expect(200);
    // A success clears this address's count, but the credential's slow-down stays for addresses that fail.
    await expectRefused(key.clientId, 'acs_wrong');
    expect((await h.token(key.clientId, key.secret).expect(429)).headers['retry-after']).toBe('4');
  });

  it('backs off unknown clientIds the same way, so a 429 tells nothing about existence', async () => {
    for (let i = 0; i < 5; i++) await expectRefused('aci_unknown', 'acs_wrong');
    await h.token('aci_unknown', 'acs_wrong').expect(429);
  });

  it('updates "last used" without writing an event, flushed in batches to the read model', async () => {
    const key = await generate();
    const before = await h.headPosition();
    await h.token(key.clientId, key.secret).expect(200);
    await h.token(key.clientId, key.secret).expect(200);
    expect(await h.headPosition()).toBe(before);

    const listed = await h.http
      .get('/api-credentials')
      .set(await tokens.bearer(ann))
      .expect(200);
    const lastUsedAt = listed.body.credentials[0].lastUsedAt;
    expect(Date.now() - Date.parse(lastUsedAt)).toBeLessThan(5_000);

    expect(h.lastUsed.flush()).toBe(1);
    expect(
      h.readModels.database.all('SELECT credential_id, last_used_at FROM credential_last_used'),
    ).toEqual([{ credential_id: key.id, last_used_at: lastUsedAt }]);
    const again = await h.http
      .get('/api-credentials')
      .set(await tokens.bearer(ann))
      .expect(200);
    expect(again.body.credentials[0].lastUsedAt).toBe(lastUsedAt);
  });
});
