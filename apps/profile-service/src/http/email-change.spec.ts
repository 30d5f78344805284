import type { AccountEmailChangeRequestedData } from '@accounts/contracts';
import { emailChangeLinkToken, loadActivationLinkKey } from '@accounts/security';
import { TestTokens } from '@accounts/testing';
import { expectStatus, type Member, ProfileTestApp } from '../testing/profile-test-app';

const TWENTY_MINUTES_AGO = () => Math.floor(Date.now() / 1000) - 20 * 60;

describe('changing my email address: PATCH requests it, the link mailed to the new address confirms it', () => {
  let tokens: TestTokens;
  let app: ProfileTestApp;
  let admin: Member;
  let user: Member;
  beforeAll(async () => {
    tokens = await TestTokens.create();
    ({ app, admin, user } = await ProfileTestApp.withTwoOrganizations(tokens, {
      user: 'Europe/Paris',
    }));
  });
  afterAll(() => app.close());

  const me = async (member: Member) =>
    app
      .http()
      .get('/accounts/me')
      .set(await app.as(member));
  const request = async (member: Member, email: string) =>
    app
      .http()
      .patch('/accounts/me')
      .set(await app.as(member))
      .send({ email });
  const confirm = async (member: Member, body: unknown, headers?: Record<string, string>) =>
    app
      .http()
      .post('/accounts/me/email/confirm')
      .set(headers ?? (await app.as(member)))
      .send(body as object);
  /** The token the notices reactor mails, rebuilt from the last request with the shared key. */
  const lastToken = async (member: Member) => {
    const stream = await app.store.readStream(`account-${member.accountId}`);
    const requested = stream.filter((e) => e.type === 'AccountEmailChangeRequested').at(-1)!;
    const key = loadActivationLinkKey(app.t.dataDir, undefined);
    return emailChangeLinkToken(
      key,
      member.accountId,
      (requested.data as AccountEmailChangeRequestedData).requestId,
    ).token;
  };
  async function expectNothingWritten(action: () => Promise<unknown>): Promise<void> {
    const before = await app.headPosition();
    await action();
    expect(await app.headPosition()).toBe(before);
  }

  it('keeps the old address until confirmed; GET /accounts/me shows the pending one and its expiry in my zone; the token is in no event', async () => {
    const before = (await me(user)).body.email;
    const res = await request(user, 'bob.new@example.com');
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      email: before,
      pendingEmail: {
        email: 'bob.new@example.com',
        expiresAt: expect.any(String),
        expiresAtLocal: expect.stringMatching(/Europe\/Paris|\+0[12]:00/),
      },
    });
    expect(Date.parse(res.body.pendingEmail.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect((await me(user)).body.pendingEmail.email).toBe('bob.new@example.com');
    const token = await lastToken(user);
    const stream = await app.store.readStream(`account-${user.accountId}`);
    expect(JSON.stringify(stream)).not.toContain(token);
    expect(stream.map((e) => e.type)).not.toContain('AccountEmailChanged');
  });

  it('confirms with the token: the new address is the account’s, the pending one is gone; the same link again is 410', async () => {
    await request(user, 'bob.confirmed@example.com');
    const token = await lastToken(user);
    const res = await confirm(user, { token });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      email: 'bob.confirmed@example.com',
      pendingEmail: null,
    });
    const last = (await app.store.readStream(`account-${user.accountId}`)).at(-1)!;
    expect(last).toMatchObject({
      type: 'AccountEmailChanged',
      data: { to: 'bob.confirmed@example.com', requestId: expect.any(String) },
    });
    await expectNothingWritten(async () => {
      const reused = await confirm(user, { token });
      expectStatus(reused, 410);
      expect(reused.body).toMatchObject({
        statusCode: 410,
        error: 'Gone',
        code: 'PROFILE-email-change-none',
      });
    });
  });

  it('a new request replaces the pending one: the older link is refused (400 naming token), the newer works', async () => {
    await request(user, 'first@example.com');
    const older = await lastToken(user);
    await request(user, 'second@example.com');
    await expectNothingWritten(async () => {
      const res = await confirm(user, { token: older });
      expectStatus(res, 400);
      expect(res.body).toMatchObject({
        code: 'PROFILE-email-change-token-invalid',
        details: { field: 'token' },
      });
    });
    expectStatus(await confirm(user, { token: await lastToken(user) }), 200);
    expect((await me(user)).body.email).toBe('second@example.com');
  });

  it('DELETE /accounts/me/email/pending withdraws the change: the link stops working (410)', async () => {
    await request(user, 'withdrawn@example.com');
    const token = await lastToken(user);
    const res = await app
      .http()
      .delete('/accounts/me/email/pending')
      .set(await app.as(user));
    expectStatus(res, 200);
    expect(res.body.pendingEmail).toBeNull();
    expectStatus(await confirm(user, { token }), 410);
    await expectNothingWritten(async () =>
      expectStatus(
        await app
          .http()
          .delete('/accounts/me/email/pending')
          .set(await app.as(user)),
        200,
      ),
    );
  });

  it.each([
    ['missing', {}],
    ['not a string', { token: 42 }],
    ['too short', { token: 'abc' }],
    ['not base64url', { token: '!'.repeat(43) }],
    ['with another field', { token: 'a'.repeat(43), email: 'x@example.com' }],
  ])('answers 400 naming the field for a token %s, and writes nothing', async (_, body) => {
    await request(user, 'bad.input@example.com');
    await expectNothingWritten(async () => {
      const res = await confirm(user, body);
      expectStatus(res, 400);
      expect(JSON.stringify(res.body)).toMatch(/token|email/);
    });
  });

  it('refuses without a token (401), with an API token (403), and a sign-in older than the recent-sign-in window (401)', async () => {
    await request(user, 'guarded@example.com');
    const token = await lastToken(user);
    await expectNothingWritten(async () => {
      expectStatus(await app.http().post('/accounts/me/email/confirm').send({ token }), 401);
      expectStatus(await app.http().delete('/accounts/me/email/pending'), 401);
      const api = {
        Authorization: `Bearer ${await tokens.mint({ ...user, kind: 'api', scopes: ['profile:write'], sessionId: 'cred-1' })}`,
      };
      const byApi = await confirm(user, { token }, api);
      expectStatus(byApi, 403);
      expect(byApi.body.code).toBe('AUTH-person-only');
      expectStatus(await app.http().delete('/accounts/me/email/pending').set(api), 403);
      const stale = await confirm(
        user,
        { token },
        await tokens.bearer({ ...user, authTime: TWENTY_MINUTES_AGO() }),
      );
      expectStatus(stale, 401);
      expect(stale.body.code).toBe('SECURITY-recent-sign-in-required');
    });
  });

  it("cannot confirm someone else's link: the token is bound to the account that asked (400)", async () => {
    await request(user, 'mine@example.com');
    const token = await lastToken(user);
    await request(admin, 'admin.new@example.com');
    await expectNothingWritten(async () => expectStatus(await confirm(admin, { token }), 400));
  });

  it('limits wrong tokens per account: 429 with Retry-After after 5, even for the right one', async () => {
    const victim = (await app.registerAccount(admin, 'carol')).member;
    await request(victim, 'carol.new@example.com');
    for (let i = 0; i < 5; i++)
      expectStatus(await confirm(victim, { token: `${'A'.repeat(42)}${i}` }), 400);
    const limited = await confirm(victim, { token: await lastToken(victim) });
    expectStatus(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await me(victim)).body.pendingEmail.email).toBe('carol.new@example.com');
  });

  it('an expired link says so (410) and changes nothing', async () => {
    const late = (await app.registerAccount(admin, 'dave')).member;
    await request(late, 'dave.new@example.com');
    const token = await lastToken(late);
    jest.useFakeTimers({
      now: Date.now() + 25 * 3600_000,
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'],
    });
    try {
      await expectNothingWritten(async () => {
        const res = await confirm(
          late,
          { token },
          await tokens.bearer({
            ...late,
            authTime: Math.floor(Date.now() / 1000),
          }),
        );
        expectStatus(res, 410);
        expect(res.body.code).toBe('PROFILE-email-change-expired');
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps refusing when the organization locks the email (403), nothing written', async () => {
    const settings = `/organizations/${admin.orgId}/settings`;
    await request(user, 'before.lock@example.com');
    const token = await lastToken(user);
    expectStatus(
      await app
        .http()
        .put(settings)
        .set(await app.as(admin))
        .send({ emailEditableByUsers: false }),
      200,
    );
    try {
      await expectNothingWritten(async () => {
        expectStatus(await request(user, 'after.lock@example.com'), 403);
        const res = await confirm(user, { token });
        expectStatus(res, 403);
        expect(res.body.code).toBe('PROFILE-email-locked');
      });
    } finally {
      await app
        .http()
        .put(settings)
        .set(await app.as(admin))
        .send({ emailEditableByUsers: true });
    }
  });
});
