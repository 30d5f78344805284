import { TestTokens } from '@accounts/testing';
import { expectStatus, type Member, ProfileTestApp } from '../testing/profile-test-app';

const TWENTY_MINUTES_AGO = () => Math.floor(Date.now() / 1000) - 20 * 60;

const ADMIN_ACTIONS = [
  { method: 'put', path: 'account-type', body: { accountType: 'read-only' } },
  {
    method: 'put',
    path: 'group-restriction',
    body: { groupRestriction: { kind: 'groups', groups: ['Paris'] } },
  },
  { method: 'post', path: 'disable', body: { reason: 'left' } },
  { method: 'post', path: 'enable', body: {} },
] as const;

describe('recent sign-in before weakening an account (profile-service)', () => {
  let tokens: TestTokens;
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;
  beforeAll(async () => {
    tokens = await TestTokens.create();
    ({ app, admin, user } = await ProfileTestApp.withTwoOrganizations(tokens));
  });
  afterAll(() => app.close());

  const stale = (member: Member) => tokens.bearer({ ...member, authTime: TWENTY_MINUTES_AGO() });

  async function expectSignInAgain(res: {
    status: number;
    body: Record<string, unknown>;
    headers: Record<string, string>;
  }) {
    expectStatus(res as never, 401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Sign in again: this change requires a sign-in from the last 15 minutes',
      code: 'SECURITY-recent-sign-in-required',
      details: { maxAgeSeconds: 900, signedInSecondsAgo: expect.any(Number) },
    });
    expect(res.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_user_authentication", error_description="Sign in again", max_age=900',
    );
  }

  it.each(ADMIN_ACTIONS)(
    'an administrator signed in 20 minutes ago cannot $method $path (401), nothing written',
    async (action) => {
      const head = await app.headPosition();
      const res = await app
        .http()
        [action.method](`/accounts/${user.accountId}/${action.path}`)
        .set(await stale(admin))
        .send(action.body);
      await expectSignInAgain(res);
      expect(await app.headPosition()).toBe(head);
    },
  );

  it('an administrator who just signed in can', async () => {
    const res = await app
      .http()
      .put(`/accounts/${user.accountId}/group-restriction`)
      .set(await app.as(admin))
      .send(ADMIN_ACTIONS[1].body);
    expectStatus(res, 200);
  });

  it('an API access token gets 403: these changes need a person', async () => {
    const api = await tokens.bearer({
      ...admin,
      kind: 'api',
      sessionId: 'credential-1',
      amr: [],
    });
    const res = await app
      .http()
      .put(`/accounts/${user.accountId}/account-type`)
      .set(api)
      .send({ accountType: 'read-only' });
    expectStatus(res, 403);
    // The access policy refuses API tokens on person-only routes before the recent-sign-in check runs.
    expect(res.body.code).toBe('AUTH-person-only');
  });

  it('a user signed in 20 minutes ago cannot change the email or mobile phone, nothing written', async () => {
    const head = await app.headPosition();
    await expectSignInAgain(
      await app
        .http()
        .patch('/accounts/me')
        .set(await stale(user))
        .send({ email: 'thief@example.com' }),
    );
    await expectSignInAgain(
      await app
        .http()
        .patch('/accounts/me')
        .set(await stale(user))
        .send({ firstName: 'X', mobilePhone: '+14155552671' }),
    );
    expect(await app.headPosition()).toBe(head);
  });

  it('but can edit the rest, and resend the unchanged email with it', async () => {
    const current = (
      await app
        .http()
        .get('/accounts/me')
        .set(await app.as(user))
    ).body.email;
    const res = await app
      .http()
      .patch('/accounts/me')
      .set(await stale(user))
      .send({ firstName: 'Robert', email: current, mobilePhone: null });
    expectStatus(res, 200);
    expect(res.body.firstName).toBe('Robert');
  });

  it('a user who just signed in asks to change the email', async () => {
    const res = await app
      .http()
      .patch('/accounts/me')
      .set(await app.as(user))
      .send({ email: 'bob.new@example.com' });
    expectStatus(res, 200);
    expect(res.body.pendingEmail.email).toBe('bob.new@example.com');
  });

  it('the organization two-factor settings need a recent sign-in; its name does not', async () => {
    const settings = `/organizations/${admin.orgId}/settings`;
    const head = await app.headPosition();
    await expectSignInAgain(
      await app
        .http()
        .put(settings)
        .set(await stale(admin))
        .send({ twoFactorRequired: true }),
    );
    await expectSignInAgain(
      await app
        .http()
        .put(settings)
        .set(await stale(admin))
        .send({ allowedSecondFactors: ['email'] }),
    );
    expect(await app.headPosition()).toBe(head);
    expectStatus(
      await app
        .http()
        .put(settings)
        .set(await stale(admin))
        .send({ name: 'Renamed Org' }),
      200,
    );
    expectStatus(
      await app
        .http()
        .put(settings)
        .set(await app.as(admin))
        .send({ twoFactorRequired: true }),
      200,
    );
  });
});

describe('RECENT_SIGN_IN_SECONDS', () => {
  it('sets how recent the sign-in must be', async () => {
    const tokens = await TestTokens.create();
    const app = await ProfileTestApp.start(tokens, {
      RECENT_SIGN_IN_SECONDS: '3600',
    });
    try {
      const admin = (await app.createOrganization('carol')).admin;
      const user = (await app.registerAccount(admin, 'dave')).member;
      const twentyMinutes = await tokens.bearer({
        ...admin,
        authTime: TWENTY_MINUTES_AGO(),
      });
      expectStatus(
        await app
          .http()
          .put(`/accounts/${user.accountId}/account-type`)
          .set(twentyMinutes)
          .send({ accountType: 'read-only' }),
        200,
      );
      const twoHours = await tokens.bearer({
        ...admin,
        authTime: Math.floor(Date.now() / 1000) - 7200,
      });
      const res = await app
        .http()
        .put(`/accounts/${user.accountId}/account-type`)
        .set(twoHours)
        .send({ accountType: 'standard' });
      expectStatus(res, 401);
      expect(res.body.details.maxAgeSeconds).toBe(3600);
    } finally {
      await app.close();
    }
  });
});
