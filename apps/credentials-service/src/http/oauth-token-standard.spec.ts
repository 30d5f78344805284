import { TestTokens } from '@accounts/testing';
import { basic, CredentialsTestApp } from '../testing/credentials-test-app';

const ann = { accountId: 'ann', orgId: 'org-1' };
const boss = {
  accountId: 'boss',
  orgId: 'org-1',
  accountType: 'administrator',
};

/** RFC 6749 behaviour of POST /oauth/token: both client authentication methods, scope narrowing, §5.2 errors. */
describe('POST /oauth/token as RFC 6749 says', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;

  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(async () => {
    h = await CredentialsTestApp.start(tokens.verifier);
    await h.registerAccount('ann', 'org-1');
    await h.registerAccount('boss', 'org-1', 'administrator');
  });
  afterEach(() => h.close());

  async function generate(caller: object, scopes: string[]) {
    const response = await h.http
      .post('/api-credentials')
      .set(await tokens.bearer(caller as typeof ann))
      .send({ scopes })
      .expect(201);
    return response.body as { id: string; clientId: string; secret: string };
  }

  const post = (form: Record<string, string>) =>
    h.http.post('/oauth/token').type('form').send(form);

  it('authenticates with client_secret_post as well as client_secret_basic', async () => {
    const key = await generate(ann, ['profile:read']);
    const response = await post({
      grant_type: 'client_credentials',
      client_id: key.clientId,
      client_secret: key.secret,
    }).expect(200);
    expect(response.body).toMatchObject({
      token_type: 'Bearer',
      scope: 'profile:read',
    });
    // A client may repeat its client_id beside HTTP Basic (§3.2.1).
    await h.http
      .post('/oauth/token')
      .set('Authorization', `Basic ${basic(key.clientId, key.secret)}`)
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: key.clientId })
      .expect(200);
  });

  it('refuses a wrong secret in the body with the same generic invalid_client', async () => {
    const key = await generate(ann, ['profile:read']);
    const response = await post({
      grant_type: 'client_credentials',
      client_id: key.clientId,
      client_secret: 'acs_wrong',
    }).expect(401);
    expect(response.body).toEqual({
      error: 'invalid_client',
      error_description: 'Client authentication failed',
    });
    await post({
      grant_type: 'client_credentials',
      client_id: key.clientId,
    }).expect(401);
  });

  it('answers invalid_request for two authentication methods at once or a client_id differing from Basic', async () => {
    const key = await generate(ann, ['profile:read']);
    const auth = `Basic ${basic(key.clientId, key.secret)}`;
    const both = await h.http
      .post('/oauth/token')
      .set('Authorization', auth)
      .type('form')
      .send({
        grant_type: 'client_credentials',
        client_id: key.clientId,
        client_secret: key.secret,
      })
      .expect(400);
    expect(both.body.error).toBe('invalid_request');
    const other = await h.http
      .post('/oauth/token')
      .set('Authorization', auth)
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: 'aci_someoneelse' })
      .expect(400);
    expect(other.body.error).toBe('invalid_request');
  });

  it('narrows the token to the scope asked for, and answers invalid_scope for one the credential lacks', async () => {
    const key = await generate(boss, ['profile:read', 'profile:write', 'accounts:read']);
    const all = await h.token(key.clientId, key.secret).expect(200);
    expect(all.body.scope).toBe('profile:read profile:write accounts:read');
    const narrow = await post({
      grant_type: 'client_credentials',
      client_id: key.clientId,
      client_secret: key.secret,
      scope: 'accounts:read profile:read',
    }).expect(200);
    expect(narrow.body.scope).toBe('profile:read accounts:read');
    expect(
      await tokens.verifier.verify(narrow.body.access_token).catch(() => undefined),
    ).toBeUndefined();

    for (const scope of ['audit:read', 'profile:read nonsense', 'accounts:write']) {
      const refused = await post({
        grant_type: 'client_credentials',
        client_id: key.clientId,
        client_secret: key.secret,
        scope,
      }).expect(400);
      expect(refused.body).toEqual({
        error: 'invalid_scope',
        error_description: expect.stringContaining('may not ask for'),
      });
      expect(refused.headers['cache-control']).toBe('no-store');
    }
    const malformed = await post({
      grant_type: 'client_credentials',
      client_id: key.clientId,
      client_secret: key.secret,
      scope: 'a  b',
    }).expect(400);
    expect(malformed.body.error).toBe('invalid_scope');
  });

  it('drops administrator scopes from the tokens once the owner is no longer an administrator', async () => {
    const key = await generate(boss, ['profile:read', 'accounts:read']);
    await h.changeAccountType('boss', 'administrator', 'standard');
    expect((await h.token(key.clientId, key.secret).expect(200)).body.scope).toBe('profile:read');
    const asked = await post({
      grant_type: 'client_credentials',
      client_id: key.clientId,
      client_secret: key.secret,
      scope: 'accounts:read',
    }).expect(400);
    expect(asked.body.error).toBe('invalid_scope');
  });
});

/** Limits that a guesser cannot turn against the owner of a secret. */
describe('POST /oauth/token guessing limits (TRUST_PROXY=loopback: the address comes from X-Forwarded-For)', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;

  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(async () => {
    h = await CredentialsTestApp.start(tokens.verifier, {
      TRUST_PROXY: 'loopback',
    });
    await h.registerAccount('ann', 'org-1');
  });
  afterEach(() => h.close());

  const from = (address: string, clientId: string, secret: string) =>
    h.http
      .post('/oauth/token')
      .set('X-Forwarded-For', address)
      .set('Authorization', `Basic ${basic(clientId, secret)}`)
      .type('form')
      .send({ grant_type: 'client_credentials' });

  async function generate() {
    const response = await h.http
      .post('/api-credentials')
      .set(await tokens.bearer(ann))
      .send({})
      .expect(201);
    return response.body as { id: string; clientId: string; secret: string };
  }

  it('5 wrong secrets from one address back off that address, while the right secret from another address still works', async () => {
    const key = await generate();
    for (let i = 0; i < 5; i++) await from('203.0.113.7', key.clientId, 'acs_wrong').expect(401);
    const blocked = await from('203.0.113.7', key.clientId, key.secret).expect(429);
    expect(blocked.headers['retry-after']).toBe('1');
    await from('198.51.100.1', key.clientId, key.secret).expect(200);
    await from('198.51.100.1', key.clientId, key.secret).expect(200);
  });

  it('keeps a per-credential slow-down: failures spread over addresses add up for every address that failed', async () => {
    const key = await generate();
    for (const address of [
      '203.0.113.1',
      '203.0.113.1',
      '203.0.113.2',
      '203.0.113.2',
      '203.0.113.3',
    ]) {
      await from(address, key.clientId, 'acs_wrong').expect(401);
    }
    // No address reached 5 failures, but the credential did: the guessers wait, the owner does not.
    await from('203.0.113.1', key.clientId, key.secret).expect(429);
    await from('203.0.113.2', key.clientId, 'acs_wrong').expect(429);
    await from('198.51.100.1', key.clientId, key.secret).expect(200);
  });

  it('200 random client ids from one address: 20 answers 401, then 429 with Retry-After; other addresses unaffected', async () => {
    const key = await generate();
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 200; i++) {
      const response = await from(
        '203.0.113.9',
        `aci_random${String(i).padStart(16, '0')}`,
        'acs_guess',
      );
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers['retry-after'];
    }
    expect(statuses.slice(0, 21)).toEqual([...Array(20).fill(401), 429]);
    // After each doubling wait one more guess is checked: a handful at most.
    expect(statuses.filter((s) => s === 401).length).toBeLessThan(30);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Even the right secret is not checked from that address now; from another it is.
    await from('203.0.113.9', key.clientId, key.secret).expect(429);
    await from('198.51.100.1', key.clientId, key.secret).expect(200);
  });
});

describe('POST /oauth/token without TRUST_PROXY', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;
  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(
    async () =>
      (h = await CredentialsTestApp.start(tokens.verifier, {
        CLIENT_ADDRESS_FAILURE_LIMIT: '3',
      })),
  );
  afterEach(() => h.close());

  it('ignores X-Forwarded-For, so a guesser cannot escape the address limit by inventing addresses', async () => {
    for (let i = 0; i < 3; i++) {
      await h.http
        .post('/oauth/token')
        .set('X-Forwarded-For', `203.0.113.${i}`)
        .set('Authorization', `Basic ${basic(`aci_x${i}`, 'acs_y')}`)
        .type('form')
        .send({ grant_type: 'client_credentials' })
        .expect(401);
    }
    await h.http
      .post('/oauth/token')
      .set('X-Forwarded-For', '198.51.100.50')
      .set('Authorization', `Basic ${basic('aci_z', 'acs_y')}`)
      .type('form')
      .send({ grant_type: 'client_credentials' })
      .expect(429);
  });
});

describe('POST /oauth/introspect (RFC 7662)', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;
  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(async () => {
    h = await CredentialsTestApp.start(tokens.verifier);
    await h.registerAccount('ann', 'org-1');
    await h.registerAccount('zed', 'org-2');
  });
  afterEach(() => h.close());

  const introspect = (form: Record<string, string>, auth?: string) => {
    const test = h.http.post('/oauth/introspect').type('form');
    return (auth ? test.set('Authorization', auth) : test).send(form);
  };

  it("tells an authenticated client about its organization's tokens, and nothing about others", async () => {
    const rs = (
      await h.http
        .post('/api-credentials')
        .set(await tokens.bearer(ann))
        .send({})
        .expect(201)
    ).body;
    const annToken = await tokens.mint({ ...ann, scopes: ['profile:read'] });
    const active = await introspect(
      { token: annToken },
      `Basic ${basic(rs.clientId, rs.secret)}`,
    ).expect(200);
    expect(active.body).toMatchObject({
      active: true,
      token_type: 'Bearer',
      sub: 'ann',
      org: 'org-1',
      iss: 'auth-service',
      aud: 'accounts',
      scope: 'profile:read',
      kind: 'user',
    });
    expect(active.headers['cache-control']).toBe('no-store');
    const post = await introspect({
      token: annToken,
      client_id: rs.clientId,
      client_secret: rs.secret,
    }).expect(200);
    expect(post.body.active).toBe(true);

    const foreign = await tokens.mint({ accountId: 'zed', orgId: 'org-2' });
    expect(
      (await introspect({ token: foreign }, `Basic ${basic(rs.clientId, rs.secret)}`).expect(200))
        .body,
    ).toEqual({ active: false });
    expect(
      (
        await introspect({ token: 'not-a-jwt' }, `Basic ${basic(rs.clientId, rs.secret)}`).expect(
          200,
        )
      ).body,
    ).toEqual({ active: false });
  });

  it('refuses an unauthenticated or badly authenticated caller, and a missing token', async () => {
    const rs = (
      await h.http
        .post('/api-credentials')
        .set(await tokens.bearer(ann))
        .send({})
        .expect(201)
    ).body;
    const annToken = await tokens.mint(ann);
    expect((await introspect({ token: annToken }).expect(401)).body.error).toBe('invalid_client');
    expect(
      (
        await introspect({ token: annToken }, `Basic ${basic(rs.clientId, 'acs_wrong')}`).expect(
          401,
        )
      ).body.error,
    ).toBe('invalid_client');
    expect(
      (await introspect({}, `Basic ${basic(rs.clientId, rs.secret)}`).expect(400)).body,
    ).toEqual({ error: 'invalid_request', error_description: 'token is missing' });
    // A person's bearer token is not client authentication.
    await h.http
      .post('/oauth/introspect')
      .set(await tokens.bearer(ann))
      .type('form')
      .send({ token: annToken })
      .expect(401);
  });
});
