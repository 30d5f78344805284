import { decodeJwt } from 'jose';
import { type Principal, type TokenIssuer, TOKEN_ISSUER } from '@accounts/security';
import { AuthTestApp, expectStatus, type SeededAccount } from '../testing/auth-test-app';

describe('recent sign-in before weakening an account (auth-service)', () => {
  let app: AuthTestApp;
  let orgId: string;
  let admin: SeededAccount;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
    admin = await app.activeAccount(orgId, 'admin', {
      accountType: 'administrator',
    });
    await app.addAdministrator(orgId, admin.accountId);
  });
  afterAll(() => app.close());

  /** The same session's access token, as if the person had signed in `minutes` ago (a refreshed old session). */
  async function signedInAgo(userName: string, minutes: number): Promise<Record<string, string>> {
    const { accessToken } = await app.tokens(userName);
    const claims = decodeJwt(accessToken);
    const principal: Principal = {
      kind: 'user',
      accountId: claims.sub as string,
      orgId: claims['org'] as string,
      accountType: claims['acct'] as string,
      sessionId: claims['sid'] as string,
      amr: claims['amr'] as string[],
      authTime: Math.floor(Date.now() / 1000) - minutes * 60,
    };
    const issued = await app.t.app.get<TokenIssuer>(TOKEN_ISSUER).issue(principal);
    return { Authorization: `Bearer ${issued.accessToken}` };
  }

  async function withEmailMethod(userName: string): Promise<SeededAccount> {
    const user = await app.activeAccount(orgId, userName);
    const { bearer } = await app.tokens(userName);
    expectStatus(await app.http().post('/auth/me/verification/email').set(bearer), 200);
    const code = await app.codeSentTo(user.email);
    expectStatus(
      await app.http().post('/auth/me/verification/email/confirm').set(bearer).send({ code }),
      200,
    );
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email' }),
      200,
    );
    return user;
  }

  it('a session signed in 20 minutes ago cannot switch the method to password (401 asking to sign in again), nothing written', async () => {
    await withEmailMethod('wendy');
    const challenge = await app.login('wendy');
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code: await app.codeSentTo('wendy@example.com') });
    expectStatus(passed, 200);
    const { accessToken } = passed.body;
    const claims = decodeJwt(accessToken);
    const old = await app.t.app.get<TokenIssuer>(TOKEN_ISSUER).issue({
      kind: 'user',
      accountId: claims.sub as string,
      orgId,
      accountType: 'standard',
      sessionId: claims['sid'] as string,
      amr: claims['amr'] as string[],
      authTime: Math.floor(Date.now() / 1000) - 20 * 60,
    });
    const head = await app.store.headPosition();
    const res = await app
      .http()
      .put('/auth/me/method')
      .set({ Authorization: `Bearer ${old.accessToken}` })
      .send({ method: 'password' });
    expectStatus(res, 401);
    expect(res.body).toEqual(
      expect.objectContaining({
        code: 'SECURITY-recent-sign-in-required',
        details: expect.objectContaining({ maxAgeSeconds: 900 }),
      }),
    );
    expect(res.headers['www-authenticate']).toMatch(
      /insufficient_user_authentication.*max_age=900/,
    );
    expect(await app.store.headPosition()).toBe(head);
    expectStatus(
      await app
        .http()
        .put('/auth/me/method')
        .set({ Authorization: `Bearer ${accessToken}` })
        .send({ method: 'password' }),
      200,
    );
  });

  it('nor start enrolling its own authenticator', async () => {
    await app.activeAccount(orgId, 'walt');
    const res = await app
      .http()
      .put('/auth/me/method')
      .set(await signedInAgo('walt', 20))
      .send({ method: 'authenticator' });
    expectStatus(res, 401);
    expect(res.body.enrollment).toBeUndefined();
  });

  it('an administrator signed in 20 minutes ago cannot reset an authenticator; one signed in 5 minutes ago can', async () => {
    const user = await app.activeAccount(orgId, 'wes');
    const path = `/auth/accounts/${user.accountId}/authenticator/reset`;
    const staleAdmin = await signedInAgo('admin', 20);
    const head = await app.store.headPosition();
    const stale = await app.http().post(path).set(staleAdmin).send({ reason: 'lost phone' });
    expectStatus(stale, 401);
    expect(stale.body.code).toBe('SECURITY-recent-sign-in-required');
    expect(await app.store.headPosition()).toBe(head);
    expectStatus(
      await app
        .http()
        .post(path)
        .set(await signedInAgo('admin', 5))
        .send({ reason: 'lost phone' }),
      204,
    );
  });
});
