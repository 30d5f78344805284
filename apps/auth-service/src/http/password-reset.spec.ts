import { decodeJwt } from 'jose';
import { AuthTestApp, expectStatus, STRONG_PASSWORD, totpAt } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

const NEW_PASSWORD = 'purple elephant dances 77';

describe('forgotten password over HTTP, emails through a real SMTP server', () => {
  let app: AuthTestApp;
  let mailbox: TestMailbox;
  let orgId: string;
  let ipCounter = 0;
  /** Each test comes from its own client address (TRUST_PROXY=loopback), so the per-address limits do not mix. */
  const freshIp = () => `198.51.100.${++ipCounter}`;

  beforeAll(async () => {
    mailbox = await TestMailbox.start();
    app = await AuthTestApp.start(
      {
        TRUST_PROXY: 'loopback',
        PASSWORD_RESET_REQUESTS_PER_IP: '6',
        PASSWORD_RESET_CONFIRMS_PER_IP: '6',
      },
      mailbox.notifierEnv,
    );
    orgId = await app.organization();
  });
  afterAll(async () => {
    await app.close();
    await mailbox.close();
  });

  const requestReset = (body: object, ip = freshIp()) =>
    app.http().post('/auth/password-reset').set('X-Forwarded-For', ip).send(body);
  const confirm = (body: object, ip = freshIp()) =>
    app.http().post('/auth/password-reset/confirm').set('X-Forwarded-For', ip).send(body);
  async function expectNothingWritten(action: () => Promise<unknown>): Promise<void> {
    const before = await app.store.headPosition();
    await action();
    expect(await app.store.headPosition()).toBe(before);
  }

  it('emails a single-use link; the new password works, every session ends, the owner is told', async () => {
    const user = await app.activeAccount(orgId, 'rita');
    const session = await app.tokens('rita');
    const asked = await requestReset({ userName: 'rita' });
    expectStatus(asked, 202);
    const token = await mailbox.resetToken(user.email);
    const mail = await mailbox.waitFor(user.email, 'Reset your password');
    expect(mail.text).toContain('http://localhost:3000/reset-password?token=');
    expect(mail.text).toMatch(/works once and until .* UTC/);

    const done = await confirm({
      token,
      newPassword: NEW_PASSWORD,
      repeatPassword: NEW_PASSWORD,
    });
    expectStatus(done, 200);
    expect(done.body).toEqual({ reset: true, endedSessions: 1 });
    expectStatus(
      await app.http().post('/auth/refresh').send({ refreshToken: session.refreshToken }),
      401,
    );
    expectStatus(await app.login('rita'), 401);
    expectStatus(await app.login('rita', NEW_PASSWORD), 200);
    expect((await mailbox.waitFor(user.email, 'Your password was reset')).text).toContain(
      'Every session was ended',
    );

    const reused = await confirm({
      token,
      newPassword: 'another fine password 9',
      repeatPassword: 'another fine password 9',
    });
    expectStatus(reused, 401);
    expect(reused.body.code).toBe('AUTH-reset-link-used');

    // The token is in no event and no log line; only its hash is stored.
    expect(JSON.stringify(await app.allEvents())).not.toContain(token);
    expect(app.logText()).not.toContain(token);
  });

  it('finds the account by email address too', async () => {
    const user = await app.activeAccount(orgId, 'enzo');
    expectStatus(await requestReset({ email: 'ENZO@example.com' }), 202);
    expect(await mailbox.resetToken(user.email)).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it('never bypasses the second factor: a trusted computer asks for it again after a reset', async () => {
    const user = await app.activeAccount(orgId, 'otto');
    const { bearer } = await app.tokens('otto');
    const chosen = await app
      .http()
      .put('/auth/me/method')
      .set(bearer)
      .send({ method: 'authenticator' });
    const secret: string = chosen.body.enrollment.secret;
    expectStatus(
      await app
        .http()
        .post('/auth/me/authenticator/confirm')
        .set(bearer)
        .send({ code: await totpAt(secret, Date.now()) }),
      200,
    );
    const challenge = await app.login('otto');
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code: await totpAt(secret, Date.now() + 30_000) });
    expectStatus(passed, 200);
    const device: string = passed.body.trustedDeviceToken;
    // Before the reset this computer is trusted: the password alone signs in, no second factor.
    const trustedSignIn = await app.login('otto', STRONG_PASSWORD, device);
    expectStatus(trustedSignIn, 200);
    expect(trustedSignIn.body.challengeId).toBeUndefined();
    expect(decodeJwt(trustedSignIn.body.accessToken)).toMatchObject({
      sub: user.accountId,
      amr: ['pwd'],
    });

    expectStatus(await requestReset({ userName: 'otto' }), 202);
    const token = await mailbox.resetToken(user.email);
    expectStatus(
      await confirm({
        token,
        newPassword: NEW_PASSWORD,
        repeatPassword: NEW_PASSWORD,
      }),
      200,
    );
    const after = await app.login('otto', NEW_PASSWORD, device);
    expectStatus(after, 200);
    expect(after.body).toEqual(
      expect.objectContaining({
        method: 'authenticator',
        challengeId: expect.any(String),
      }),
    );
  });

  it('refuses bad input with a 400 naming the field, writing nothing', async () => {
    await app.activeAccount(orgId, 'bella');
    await expectNothingWritten(async () => {
      const none = await requestReset({});
      expectStatus(none, 400);
      expect(none.body.details.field).toBe('userName');
      const both = await requestReset({
        userName: 'bella',
        email: 'bella@example.com',
      });
      expectStatus(both, 400);
      const badEmail = await requestReset({ email: 'not-an-address' });
      expectStatus(badEmail, 400);
      expect(badEmail.body.message).toMatch(/^email: /);
      const extra = await requestReset({ userName: 'bella', admin: true });
      expectStatus(extra, 400);
      const noToken = await confirm({
        newPassword: NEW_PASSWORD,
        repeatPassword: NEW_PASSWORD,
      });
      expectStatus(noToken, 400);
      expect(noToken.body.message).toMatch(/^token: /);
    });
    expectStatus(await requestReset({ userName: 'bella' }), 202);
    const token = await mailbox.resetToken('bella@example.com');
    await expectNothingWritten(async () => {
      const weak = await confirm({
        token,
        newPassword: 'short',
        repeatPassword: 'short',
      });
      expectStatus(weak, 400);
      expect(weak.body).toEqual(
        expect.objectContaining({
          code: 'AUTH-password-too-short',
          details: { field: 'newPassword' },
        }),
      );
      const mismatch = await confirm({
        token,
        newPassword: NEW_PASSWORD,
        repeatPassword: `${NEW_PASSWORD}!`,
      });
      expectStatus(mismatch, 400);
      expect(mismatch.body.details.field).toBe('repeatPassword');
      const forged = await confirm({
        token: `${token.slice(0, -4)}AAAA`,
        newPassword: NEW_PASSWORD,
        repeatPassword: NEW_PASSWORD,
      });
      expectStatus(forged, 401);
      expect(forged.body.code).toBe('AUTH-reset-link-invalid');
      const garbage = await confirm({
        token: 'x'.repeat(40),
        newPassword: NEW_PASSWORD,
        repeatPassword: NEW_PASSWORD,
      });
      expectStatus(garbage, 401);
    });
  });

  it('says plainly that a link expired after 30 minutes, and that an older link was replaced', async () => {
    const user = await app.activeAccount(orgId, 'xena');
    expectStatus(await requestReset({ userName: 'xena' }), 202);
    const first = await mailbox.resetToken(user.email);
    const input = {
      token: first,
      newPassword: NEW_PASSWORD,
      repeatPassword: NEW_PASSWORD,
    };
    // The link is opened 31 minutes later by the service's clock.
    app.advance(31 * 60_000);
    let expired: Awaited<ReturnType<typeof confirm>>;
    try {
      expired = await confirm(input);
    } finally {
      app.advance(-31 * 60_000);
    }
    expectStatus(expired, 401);
    expect(expired.body.code).toBe('AUTH-reset-link-expired');
    const before = mailbox.mails(user.email).length;
    expectStatus(await requestReset({ userName: 'xena' }), 202);
    await mailbox.waitFor(user.email, 'Reset your password');
    while (mailbox.mails(user.email).length === before)
      await new Promise((resolve) => setTimeout(resolve, 25));
    const second = await mailbox.resetToken(user.email);
    expect(second).not.toBe(first);
    const old = await confirm(input);
    expectStatus(old, 401);
    expect(old.body.code).toBe('AUTH-reset-link-invalid');
    expectStatus(await confirm({ ...input, token: second }), 200);
  });

  it('answers known, unknown and not-activated accounts identically, in the same time', async () => {
    await app.activeAccount(orgId, 'kim');
    await app.account(orgId, 'newbie');
    const timed = async (body: object) => {
      const started = process.hrtime.bigint();
      const res = await requestReset(body);
      return {
        status: res.status,
        body: res.body,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    const answers = new Set<string>();
    for (let i = 0; i < 3; i++) {
      for (const [body, into] of [
        [{ userName: 'kim' }, known],
        [{ userName: `nobody${i}` }, unknown],
        [{ email: `nobody${i}@example.com` }, unknown],
        [{ userName: 'newbie' }, unknown],
      ] as const) {
        const answer = await timed(body);
        answers.add(JSON.stringify([answer.status, answer.body]));
        into.push(answer.ms);
      }
    }
    expect([...answers]).toHaveLength(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Every answer waits for PASSWORD_RESET_ANSWER_MS (400 ms); the work for a known account is far below it.
    expect(Math.min(...known, ...unknown)).toBeGreaterThanOrEqual(395);
    // Within noise: the machine running the suite is shared, so 100 ms of scheduling jitter is allowed.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(100);
  });

  it('throttles: 429 with Retry-After per client address; at most 3 links per account per 15 minutes', async () => {
    const user = await app.activeAccount(orgId, 'tess');
    const ip = freshIp();
    for (let i = 0; i < 6; i++) expectStatus(await requestReset({ userName: 'tess' }, ip), 202);
    const limited = await requestReset({ userName: 'tess' }, ip);
    expectStatus(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      mailbox.mails(user.email).filter((m) => m.subject === 'Reset your password'),
    ).toHaveLength(3);

    const confirmIp = freshIp();
    for (let i = 0; i < 6; i++)
      expectStatus(
        await confirm(
          {
            token: 'y'.repeat(64),
            newPassword: NEW_PASSWORD,
            repeatPassword: NEW_PASSWORD,
          },
          confirmIp,
        ),
        401,
      );
    const tooMany = await confirm(
      {
        token: 'y'.repeat(64),
        newPassword: NEW_PASSWORD,
        repeatPassword: NEW_PASSWORD,
      },
      confirmIp,
    );
    expectStatus(tooMany, 429);
    expect(tooMany.body.code).toBe('AUTH-password-reset-throttled');
    expect(Number(tooMany.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits guesses per account, from any number of addresses', async () => {
    const user = await app.activeAccount(orgId, 'gus');
    expectStatus(await requestReset({ userName: 'gus' }), 202);
    const token = await mailbox.resetToken(user.email);
    const forged = `${token.slice(0, 22)}${'B'.repeat(token.length - 22)}`;
    for (let i = 0; i < 10; i++)
      expectStatus(
        await confirm({
          token: forged,
          newPassword: NEW_PASSWORD,
          repeatPassword: NEW_PASSWORD,
        }),
        401,
      );
    const limited = await confirm({
      token,
      newPassword: NEW_PASSWORD,
      repeatPassword: NEW_PASSWORD,
    });
    expectStatus(limited, 429);
  });
});
