import { TOKEN_ISSUER, type TokenIssuer } from '@accounts/security';
import { AuthTestApp, expectStatus, totpAt } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

describe('recovery codes over HTTP', () => {
  let app: AuthTestApp;
  let mailbox: TestMailbox;
  let orgId: string;

  beforeAll(async () => {
    mailbox = await TestMailbox.start();
    app = await AuthTestApp.start({}, mailbox.notifierEnv);
    orgId = await app.organization();
  });
  afterAll(async () => {
    await app.close();
    await mailbox.close();
  });

  /** An account with an authenticator app; the recovery codes shown at its set-up. */
  async function withAuthenticator(userName: string) {
    const user = await app.activeAccount(orgId, userName);
    const { bearer } = await app.tokens(userName);
    const chosen = await app
      .http()
      .put('/auth/me/method')
      .set(bearer)
      .send({ method: 'authenticator' });
    const secret: string = chosen.body.enrollment.secret;
    const confirmed = await app
      .http()
      .post('/auth/me/authenticator/confirm')
      .set(bearer)
      .send({ code: await totpAt(secret, Date.now()) });
    expectStatus(confirmed, 200);
    return {
      user,
      bearer,
      secret,
      codes: confirmed.body.recoveryCodes as string[],
    };
  }
  const answer = (challengeId: string, body: object) =>
    app.http().post(`/auth/login/${challengeId}`).send(body);

  it('shows 10 codes once at set-up; one answers the challenge once; the owner is told', async () => {
    const { user, bearer, codes } = await withAuthenticator('remy');
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(JSON.stringify(await app.allEvents())).not.toContain(codes[0]);
    expect((await app.http().get('/auth/me/recovery-codes').set(bearer)).body).toEqual({
      remaining: 10,
      total: 10,
      warning: false,
      generatedAt: expect.any(String),
    });

    const challenge = await app.login('remy');
    // Typed in capitals and without the dash: still the same code.
    const passed = await answer(challenge.body.challengeId, {
      recoveryCode: codes[0].toUpperCase().replace('-', ''),
    });
    expectStatus(passed, 200);
    expect(passed.body).toEqual(
      expect.objectContaining({
        accessToken: expect.any(String),
        recoveryCodesLeft: 9,
      }),
    );
    const notice = await mailbox.waitFor(user.email, 'A recovery code was used');
    expect(notice.text).toContain('9 codes are left');
    expect(notice.text).toContain('set up your second factor again');

    const again = await app.login('remy');
    const reused = await answer(again.body.challengeId, {
      recoveryCode: codes[0],
    });
    expectStatus(reused, 401);
    expect(reused.body.code).toBe('AUTH-challenge-code-wrong');
    expect((await app.http().get('/auth/me/recovery-codes').set(bearer)).body.remaining).toBe(9);
  });

  it('limits guesses like every other code: 5 per sign-in, then the challenge is dead', async () => {
    const { codes } = await withAuthenticator('gina');
    const challenge = await app.login('gina');
    for (let i = 0; i < 5; i++) {
      const wrong = await answer(challenge.body.challengeId, {
        recoveryCode: 'aaaaa-aaaaa',
      });
      expectStatus(wrong, 401);
      expect(wrong.body.details.attemptsLeft).toBe(4 - i);
    }
    const exhausted = await answer(challenge.body.challengeId, {
      recoveryCode: codes[1],
    });
    expectStatus(exhausted, 429);
    expect(exhausted.body.code).toBe('AUTH-challenge-attempts-exhausted');
  });

  it('warns at 3 or fewer; a new set needs a recent sign-in and replaces the old one', async () => {
    const { user, bearer, codes } = await withAuthenticator('nina');
    for (const code of codes.slice(0, 7)) {
      const challenge = await app.login('nina');
      expectStatus(await answer(challenge.body.challengeId, { recoveryCode: code }), 200);
    }
    expect((await app.http().get('/auth/me/recovery-codes').set(bearer)).body).toEqual(
      expect.objectContaining({ remaining: 3, warning: true }),
    );

    // A token whose sign-in is 20 minutes old (auth_time) may not make a new set.
    const principal = JSON.parse(
      Buffer.from(bearer.Authorization.split('.')[1], 'base64url').toString(),
    );
    const issuer = app.t.app.get<TokenIssuer>(TOKEN_ISSUER);
    const stale = await issuer.issue({
      kind: 'user',
      accountId: principal.sub,
      orgId: principal.org,
      accountType: principal.acct,
      sessionId: principal.sid,
      amr: principal.amr,
      authTime: Math.floor(Date.now() / 1000) - 20 * 60,
    });
    const before = await app.store.headPosition();
    const refused = await app
      .http()
      .post('/auth/me/recovery-codes')
      .set({ Authorization: `Bearer ${stale.accessToken}` });
    expectStatus(refused, 403);
    expect(refused.body.code).toBe('AUTH-recent-sign-in-required');
    expect(await app.store.headPosition()).toBe(before);

    const fresh = await app.http().post('/auth/me/recovery-codes').set(bearer);
    expectStatus(fresh, 201);
    expect(fresh.body.codes).toHaveLength(10);
    expect((await app.http().get('/auth/me/recovery-codes').set(bearer)).body).toEqual(
      expect.objectContaining({ remaining: 10, warning: false }),
    );
    await mailbox.waitFor(user.email, 'New recovery codes');
    const challenge = await app.login('nina');
    expectStatus(await answer(challenge.body.challengeId, { recoveryCode: codes[8] }), 401);
    const next = await app.login('nina');
    expectStatus(
      await answer(next.body.challengeId, {
        recoveryCode: fresh.body.codes[0],
      }),
      200,
    );
  });

  it('refuses bad input naming the field, a caller without a token (401) or with an API token (403)', async () => {
    const { bearer } = await withAuthenticator('bert');
    const challenge = await app.login('bert');
    const malformed = await answer(challenge.body.challengeId, {
      recoveryCode: 'short',
    });
    expectStatus(malformed, 400);
    expect(malformed.body.message).toMatch(/^recoveryCode: /);
    const nothing = await answer(challenge.body.challengeId, {});
    expectStatus(nothing, 400);
    expectStatus(await app.http().get('/auth/me/recovery-codes'), 401);
    expectStatus(await app.http().post('/auth/me/recovery-codes'), 401);
    const principal = JSON.parse(
      Buffer.from(bearer.Authorization.split('.')[1], 'base64url').toString(),
    );
    const api = await app.t.app.get<TokenIssuer>(TOKEN_ISSUER).issue({
      kind: 'api',
      accountId: principal.sub,
      orgId: principal.org,
      accountType: principal.acct,
      sessionId: 'credential-1',
      amr: [],
      authTime: Math.floor(Date.now() / 1000),
    });
    const apiBearer = { Authorization: `Bearer ${api.accessToken}` };
    expectStatus(await app.http().get('/auth/me/recovery-codes').set(apiBearer), 403);
    expectStatus(await app.http().post('/auth/me/recovery-codes').set(apiBearer), 403);
  });

  it('an account without a second factor has no codes to make', async () => {
    await app.activeAccount(orgId, 'paula');
    const { bearer } = await app.tokens('paula');
    expect((await app.http().get('/auth/me/recovery-codes').set(bearer)).body).toEqual({
      remaining: 0,
      total: 0,
      warning: false,
      generatedAt: null,
    });
    const refused = await app.http().post('/auth/me/recovery-codes').set(bearer);
    expectStatus(refused, 409);
    expect(refused.body.code).toBe('AUTH-recovery-codes-need-second-factor');
  });
});
