import { AuthTestApp, expectStatus } from '../testing/auth-test-app';

describe('POST /auth/me/verification/:channel: sends per hour, wrong codes across resends, per-address budget', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    // A small per-address budget of wrong codes, so that two accounts reach it.
    app = await AuthTestApp.start({
      TRUST_PROXY: 'loopback',
      CODE_FAILURES_PER_ADDRESS: '8',
    });
    orgId = await app.organization();
  });
  afterAll(() => app.close());

  const messagesTo = async (to: string) =>
    (await app.http().get('/dev/outbox').query({ to, limit: 100 })).body.items.length;
  const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

  it('sends at most 5 codes per hour: 15 requests give 5 emails and 10 answers 429 with Retry-After', async () => {
    const user = await app.activeAccount(orgId, 'vera');
    const { bearer } = await app.tokens('vera');
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push(
        (
          await app
            .http()
            .post('/auth/me/verification/email')
            .set(bearer)
            .set('X-Forwarded-For', `192.0.2.${i}`)
        ).status,
      );
    expect(statuses).toEqual([...Array(5).fill(200), ...Array(10).fill(429)]);
    expect(await messagesTo(user.email)).toBe(5);
    const refused = await app.http().post('/auth/me/verification/email').set(bearer);
    expect(refused.body.code).toBe('AUTH-verification-send-limit');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
  });

  it('keeps the wrong-code count across new codes: 5 wrong codes in the hour, then even the right code is refused', async () => {
    const user = await app.activeAccount(orgId, 'walt');
    const { bearer } = await app.tokens('walt');
    const statuses: number[] = [];
    for (let restart = 0; restart < 4; restart++) {
      const sent = await app
        .http()
        .post('/auth/me/verification/email')
        .set(bearer)
        .set('X-Forwarded-For', '192.0.2.50');
      if (sent.status !== 200) {
        statuses.push(sent.status);
        continue;
      }
      const code = await app.codeSentTo(user.email);
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await app
              .http()
              .post('/auth/me/verification/email/confirm')
              .set(bearer)
              .set('X-Forwarded-For', '192.0.2.50')
              .send({ code: wrongCode(code) })
          ).status,
        );
    }
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const code = await app.codeSentTo(user.email);
    const right = await app
      .http()
      .post('/auth/me/verification/email/confirm')
      .set(bearer)
      .set('X-Forwarded-For', '192.0.2.51')
      .send({ code });
    expectStatus(right, 429);
    expect(right.body.code).toBe('AUTH-verification-attempts-exhausted');
  });

  it('refuses wrong codes from one address over many accounts: 429 AUTH-address-code-limit, other addresses unaffected', async () => {
    const from = '198.51.100.23';
    const statuses: number[] = [];
    const users = [];
    for (const name of ['xena', 'yves']) {
      const user = await app.activeAccount(orgId, name);
      const { bearer } = await app.tokens(name);
      users.push({ user, bearer });
      expectStatus(
        await app
          .http()
          .post('/auth/me/verification/email')
          .set(bearer)
          .set('X-Forwarded-For', from),
        200,
      );
      const code = await app.codeSentTo(user.email);
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await app
              .http()
              .post('/auth/me/verification/email/confirm')
              .set(bearer)
              .set('X-Forwarded-For', from)
              .send({ code: wrongCode(code) })
          ).status,
        );
    }
    // 5 wrong for xena, then 3 more for yves reach the address's 8; the rest are refused before any check.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 429, 429]);
    const { user, bearer } = users[1];
    const fromThere = await app
      .http()
      .post('/auth/me/verification/email/confirm')
      .set(bearer)
      .set('X-Forwarded-For', from)
      .send({ code: await app.codeSentTo(user.email) });
    expectStatus(fromThere, 429);
    expect(fromThere.body.code).toBe('AUTH-address-code-limit');
    const elsewhere = await app
      .http()
      .post('/auth/me/verification/email/confirm')
      .set(bearer)
      .set('X-Forwarded-For', '198.51.100.24')
      .send({ code: await app.codeSentTo(user.email) });
    expectStatus(elsewhere, 200);
  });

  it('counts wrong sign-in codes per address over accounts too: 429 AUTH-address-code-limit, then nothing is checked', async () => {
    const from = '198.51.100.77';
    const challenges: string[] = [];
    for (const name of ['zoe', 'zack']) {
      const user = await app.activeAccount(orgId, name);
      const { bearer } = await app.tokens(name);
      expectStatus(await app.http().post('/auth/me/verification/email').set(bearer), 200);
      expectStatus(
        await app
          .http()
          .post('/auth/me/verification/email/confirm')
          .set(bearer)
          .send({ code: await app.codeSentTo(user.email) }),
        200,
      );
      expectStatus(
        await app.http().put('/auth/me/method').set(bearer).send({ method: 'email-every-time' }),
        200,
      );
      const challenge = await app.login(name);
      expectStatus(challenge, 200);
      challenges.push(challenge.body.challengeId);
    }
    const answer = (challengeId: string, code: string) =>
      app.http().post(`/auth/login/${challengeId}`).set('X-Forwarded-For', from).send({ code });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await answer(challenges[0], wrongCode(await app.codeSentTo('zoe@example.com')))).status,
      );
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await answer(challenges[1], wrongCode(await app.codeSentTo('zack@example.com')))).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    const refused = await answer(challenges[1], await app.codeSentTo('zack@example.com'));
    expectStatus(refused, 429);
    expect(refused.body.code).toBe('AUTH-address-code-limit');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The owner, elsewhere, still gets in with the right code.
    const owner = await app
      .http()
      .post(`/auth/login/${challenges[1]}`)
      .set('X-Forwarded-For', '203.0.113.77')
      .send({ code: await app.codeSentTo('zack@example.com') });
    expectStatus(owner, 200);
  });

  it('asks for a token (401) before any limit is counted', async () => {
    expectStatus(await app.http().post('/auth/me/verification/email'), 401);
    expectStatus(
      await app.http().post('/auth/me/verification/email/confirm').send({ code: '123456' }),
      401,
    );
  });
});
