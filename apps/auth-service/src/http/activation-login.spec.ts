import argon2 from 'argon2';
import { AuthTestApp, expectStatus, STRONG_PASSWORD } from '../testing/auth-test-app';

describe('POST /auth/activate and POST /auth/login (password method)', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
  });
  afterAll(() => app.close());

  it('activates with the token of the link, then signs in with tokens', async () => {
    const account = await app.account(orgId, 'alice');
    const activated = await app
      .http()
      .post('/auth/activate')
      .send({ token: account.activationToken, password: STRONG_PASSWORD });
    expectStatus(activated, 200);
    expect(activated.body).toEqual({ accountId: account.accountId });
    const res = await app.login('Alice');
    expectStatus(res, 200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 300,
      tokenType: 'Bearer',
    });
    const claims = JSON.parse(
      Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(claims).toEqual(
      expect.objectContaining({
        sub: account.accountId,
        org: orgId,
        acct: 'standard',
        amr: ['pwd'],
        iss: 'http://127.0.0.1:3000',
        aud: 'accounts',
      }),
    );
    // RFC 9068: who it was issued to, what the person may do, when and how they signed in.
    expect(claims).toEqual(
      expect.objectContaining({
        client_id: 'account-console',
        scope: 'profile:read profile:write audit:read',
        jti: expect.any(String),
        auth_time: expect.any(Number),
      }),
    );
    expect(claims.exp - claims.iat).toBe(300);
    const header = JSON.parse(
      Buffer.from(res.body.accessToken.split('.')[0], 'base64url').toString(),
    );
    expect(header.alg).toBe('EdDSA');
  });

  it('does not rehash a password already hashed with the configured parameters', async () => {
    await app.activeAccount(orgId, 'dave');
    expectStatus(await app.login('dave'), 200);
    expectStatus(await app.login('dave'), 200);
    const rehashed = (await app.allEvents()).filter((e) => e.type === 'PasswordRehashed');
    expect(rehashed).toEqual([]);
  });

  it('rehashes, at the next sign-in, a password hashed with other parameters, once', async () => {
    const account = await app.account(orgId, 'erin');
    // As if activated while the service was configured with t=2 (this test app uses t=1).
    const oldHash = await argon2.hash(STRONG_PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 1024,
      timeCost: 2,
      parallelism: 1,
    });
    await app.store.append(`authenticator-${account.accountId}`, [
      {
        type: 'PasswordSet',
        data: { accountId: account.accountId, passwordHash: oldHash },
        metadata: { correlationId: 'c', causationId: 'c', actor: { kind: 'system' } },
      },
    ]);
    expectStatus(await app.login('erin'), 200);
    expectStatus(await app.login('erin'), 200);
    const rehashed = (await app.allEvents()).filter(
      (e) => e.type === 'PasswordRehashed' && e.streamId === `authenticator-${account.accountId}`,
    );
    expect(rehashed).toHaveLength(1);
    expect((rehashed[0].data as { passwordHash: string }).passwordHash).toMatch(
      /^\$argon2id\$v=19\$m=1024,p=1,t=1\$/,
    );
  });

  it('publishes the public keys at /.well-known/jwks.json, never a private part', async () => {
    const res = await app.http().get('/.well-known/jwks.json');
    expectStatus(res, 200);
    expect(res.body.keys.length).toBeGreaterThan(0);
    for (const key of res.body.keys) expect(key).not.toHaveProperty('d');
  });

  it('refuses a reused, unknown or expired activation token, a weak password, and writes nothing', async () => {
    const account = await app.account(orgId, 'bob');
    const head = await app.store.headPosition();
    const tooShort = await app
      .http()
      .post('/auth/activate')
      .send({ token: account.activationToken, password: 'short' });
    expectStatus(tooShort, 400);
    expect(tooShort.body).toEqual(
      expect.objectContaining({ code: 'AUTH-password-too-short', details: { field: 'password' } }),
    );
    const common = await app
      .http()
      .post('/auth/activate')
      .send({ token: account.activationToken, password: 'Password1234' });
    expectStatus(common, 400);
    expect(common.body.code).toBe('AUTH-password-common');
    const withName = await app
      .http()
      .post('/auth/activate')
      .send({ token: account.activationToken, password: 'my name is bob, really' });
    expect(withName.body.code).toBe('AUTH-password-contains-user-name');
    const missing = await app.http().post('/auth/activate').send({ password: STRONG_PASSWORD });
    expectStatus(missing, 400);
    expect(missing.body.message).toMatch(/token/);
    const unknown = await app
      .http()
      .post('/auth/activate')
      .send({ token: 'x'.repeat(43), password: STRONG_PASSWORD });
    expectStatus(unknown, 401);
    expect(unknown.body.code).toBe('AUTH-activation-token-invalid');
    expect(await app.store.headPosition()).toBe(head);

    expectStatus(
      await app
        .http()
        .post('/auth/activate')
        .send({ token: account.activationToken, password: STRONG_PASSWORD }),
      200,
    );
    const reused = await app
      .http()
      .post('/auth/activate')
      .send({ token: account.activationToken, password: STRONG_PASSWORD + '!' });
    expectStatus(reused, 401);
    expect(reused.body.code).toBe('AUTH-activation-token-used');

    const late = await app.account(orgId, 'carol', {
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const expired = await app
      .http()
      .post('/auth/activate')
      .send({ token: late.activationToken, password: STRONG_PASSWORD });
    expectStatus(expired, 401);
    expect(expired.body.code).toBe('AUTH-activation-token-expired');
  });

  it('answers unknown user, wrong password and not activated alike', async () => {
    await app.activeAccount(orgId, 'dave');
    await app.account(orgId, 'erin');
    const unknown = await app.login('nobody');
    const wrong = await app.login('dave', 'wrong password here');
    const inactive = await app.login('erin');
    for (const res of [unknown, wrong, inactive]) {
      expectStatus(res, 401);
      expect(res.body.code).toBe('AUTH-sign-in-failed');
    }
    expect(wrong.body.message).toBe(unknown.body.message);
    const bad = await app.http().post('/auth/login').send({ userName: 'dave' });
    expectStatus(bad, 400);
    expect(bad.body.message).toMatch(/password/);
  });

  it('locks the account after repeated wrong passwords: 429 with Retry-After, same message', async () => {
    await app.activeAccount(orgId, 'frank');
    let last = await app.login('frank', 'wrong password 0');
    for (let i = 1; i < 20 && last.status !== 429; i++)
      last = await app.login('frank', `wrong password ${i}`);
    expectStatus(last, 429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.body.code).toBe('AUTH-sign-in-failed');
    const right = await app.login('frank');
    expectStatus(right, 429);
    expect(right.body.message).toBe(last.body.message);
  });

  it('keeps passwords, tokens and codes out of every stored event and log line', async () => {
    const { refreshToken, accessToken } = await app.tokens('alice');
    const stored = JSON.stringify(await app.allEvents());
    const logs = app.logText();
    for (const secret of [STRONG_PASSWORD, refreshToken, accessToken, 'wrong password here']) {
      expect(stored).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});

describe('operations routes', () => {
  it('serves /health and /metrics without a token, and /dev/outbox in embedded mode', async () => {
    const app = await AuthTestApp.start();
    try {
      expectStatus(await app.http().get('/health'), 200);
      expectStatus(await app.http().get('/metrics'), 200);
      expectStatus(await app.http().get('/dev/outbox'), 200);
    } finally {
      await app.close();
    }
  });
});
