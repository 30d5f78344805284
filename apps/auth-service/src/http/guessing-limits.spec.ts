import { AuthTestApp, expectStatus, STRONG_PASSWORD } from '../testing/auth-test-app';

const ATTACKER = '198.51.100.66';
const OWNER = '203.0.113.10';
const WRONG = 'not the password at all 1';

/** Requests come from 127.0.0.1, a trusted proxy here: X-Forwarded-For is the client address. */
describe('guessing limits per account and per client address (TRUST_PROXY=loopback)', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start({ TRUST_PROXY: 'loopback' });
    orgId = await app.organization();
  });
  afterAll(() => app.close());

  const login = (userName: string, password: string, from: string) =>
    app.http().post('/auth/login').set('X-Forwarded-For', from).send({ userName, password });

  it('counts wrong current passwords of PUT /auth/me/password with the sign-in guard: 429 with Retry-After', async () => {
    await app.activeAccount(orgId, 'pam');
    const { bearer } = await app.tokens('pam');
    const change = (currentPassword: string, from = ATTACKER) =>
      app.http().put('/auth/me/password').set(bearer).set('X-Forwarded-For', from).send({
        currentPassword,
        newPassword: 'a much better passphrase 7',
        repeatPassword: 'a much better passphrase 7',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await change(WRONG)).status);
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses).toContain(429);
    const refused = await change(WRONG);
    expectStatus(refused, 429);
    expect(refused.body.code).toBe('AUTH-password-attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Even the right current password waits from that address, and sign-in from it too.
    expectStatus(await change(STRONG_PASSWORD), 429);
    expectStatus(await login('pam', STRONG_PASSWORD, ATTACKER), 429);
    const failures = (await app.allEvents()).filter(
      (e) => e.type === 'SignInAttemptFailed' && e.metadata.ip === ATTACKER,
    );
    expect(failures.length).toBeGreaterThanOrEqual(5);
  });

  it('cannot be turned against the owner: guesses from one address lock that address, the owner signs in from another', async () => {
    await app.activeAccount(orgId, 'olga');
    const attacker: number[] = [];
    for (let i = 0; i < 10; i++) attacker.push((await login('olga', WRONG, '198.51.100.7')).status);
    expect(attacker.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(attacker.slice(5)).toContain(429);
    // The owner, from an address without failures: the correct password is accepted.
    const owner = await login('olga', STRONG_PASSWORD, OWNER);
    expectStatus(owner, 200);
    expect(owner.body.accessToken).toEqual(expect.any(String));
    // The attacker's address stays slowed down, even with the correct password.
    const again = await login('olga', STRONG_PASSWORD, '198.51.100.7');
    expectStatus(again, 429);
    expect(again.body).toMatchObject({
      code: 'AUTH-sign-in-failed',
      message: expect.stringMatching(/Sign-in failed/),
    });
  });

  it('answers an unknown user name exactly like an account: 401 five times, then 429', async () => {
    await app.activeAccount(orgId, 'kate');
    const statuses = async (userName: string, from: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 6; i++) seen.push((await login(userName, WRONG, from)).status);
      return seen;
    };
    const known = await statuses('kate', '192.0.2.11');
    const unknown = await statuses('nobody-here', '192.0.2.12');
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown).toEqual(known);
    const a = await login('kate', WRONG, '192.0.2.11');
    const b = await login('nobody-here', WRONG, '192.0.2.12');
    expect(b.body).toEqual(a.body);
    // The unknown name is in no event: its guard stream is named by a keyed fingerprint.
    const text = JSON.stringify(await app.allEvents());
    expect(text).not.toContain('nobody-here');
  });

  it('stops password spraying: 60 attempts over 20 accounts from one address reach 429, other addresses are unaffected', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `spray${i}`);
    for (const name of names) await app.activeAccount(orgId, name);
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++)
      for (const name of names) statuses.push((await login(name, WRONG, '198.51.100.99')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    const refused = await login('spray0', STRONG_PASSWORD, '198.51.100.99');
    expectStatus(refused, 429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    expectStatus(await login('spray0', STRONG_PASSWORD, '198.51.100.100'), 200);
  });
});

describe('client address without a trusted proxy (TRUST_PROXY unset)', () => {
  let app: AuthTestApp;
  beforeAll(async () => {
    app = await AuthTestApp.start({ SIGN_IN_FAILURES_PER_ADDRESS: '10' });
  });
  afterAll(() => app.close());

  it('ignores X-Forwarded-For: a forged header does not buy a fresh budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (
          await app
            .http()
            .post('/auth/login')
            .set('X-Forwarded-For', `198.51.100.${i}`)
            .send({ userName: `u${i}`, password: WRONG })
        ).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
