import { expectOk, type SignedIn, Stack } from './stack';

/** One authenticated read per service: each verifies the token on its own, from its own read model. */
const PROBES = [
  { service: 'profile', path: '/accounts/me' },
  { service: 'auth', path: '/auth/me/sessions' },
  { service: 'credentials', path: '/api-credentials' },
] as const;

/** auth-service learns of the enabling from profile-service's events a moment later. */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describe('access tokens of ended sessions and disabled accounts, across the three services', () => {
  let stack: Stack;
  let admin: SignedIn;
  beforeAll(async () => {
    stack = await Stack.start();
    admin = await stack.organization('alice');
  });
  afterAll(() => stack.close());

  async function statuses(caller: SignedIn): Promise<number[]> {
    return Promise.all(
      PROBES.map(async (p) => (await stack.http(p.service).get(p.path).set(caller.bearer)).status),
    );
  }

  /** How long until every service answers 401 to `caller`'s token, failing after a second. */
  async function refusedEverywhereWithin(caller: SignedIn, sinceMs: number): Promise<number> {
    for (;;) {
      const now = await statuses(caller);
      if (now.every((status) => status === 401)) return Date.now() - sinceMs;
      if (Date.now() - sinceMs > 1_000)
        throw new Error(`still answered ${JSON.stringify(now)} after a second`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('a signed-out session: its unexpired token is refused by every service within a second', async () => {
    const bob = await stack.member(admin, 'bob');
    expect(await statuses(bob)).toEqual([200, 200, 200]);
    const start = Date.now();
    expectOk(await stack.http('auth').post('/auth/logout').set(bob.bearer), 204);
    expect(await refusedEverywhereWithin(bob, start)).toBeLessThan(1_000);
    const res = await stack.http('profile').get('/accounts/me').set(bob.bearer);
    expect(res.body.message).toBe('The access token is not valid (session ended); sign in again');
    // Signing in again gives a new session that works.
    expect(await statuses(await stack.signIn('bob'))).toEqual([200, 200, 200]);
  });

  it('a session ended from another device, and the other sessions of a password change', async () => {
    const carol = await stack.member(admin, 'carol');
    const laptop = await stack.signIn('carol');
    const sessions = await stack.http('auth').get('/auth/me/sessions').set(carol.bearer);
    const laptopSession = JSON.parse(
      Buffer.from(laptop.accessToken.split('.')[1], 'base64url').toString(),
    ).sid;
    expect(sessions.body.items.map((s: { id: string }) => s.id)).toContain(laptopSession);
    let start = Date.now();
    expectOk(
      await stack.http('auth').delete(`/auth/me/sessions/${laptopSession}`).set(carol.bearer),
      204,
    );
    expect(await refusedEverywhereWithin(laptop, start)).toBeLessThan(1_000);
    expect(await statuses(carol)).toEqual([200, 200, 200]);

    const phone = await stack.signIn('carol');
    start = Date.now();
    const changed = await stack.http('auth').put('/auth/me/password').set(carol.bearer).send({
      currentPassword: 'correct horse battery staple 42',
      newPassword: 'a brand new passphrase 77',
      repeatPassword: 'a brand new passphrase 77',
      endOtherSessions: true,
    });
    expect([200, 204]).toContain(changed.status);
    expect(await refusedEverywhereWithin(phone, start)).toBeLessThan(1_000);
  });

  it('a disabled account: every token of it is refused within a second, and works again once enabled', async () => {
    const dave = await stack.member(admin, 'dave');
    expect(await statuses(dave)).toEqual([200, 200, 200]);
    const start = Date.now();
    expectOk(
      await stack
        .http('profile')
        .post(`/accounts/${dave.accountId}/disable`)
        .set(admin.bearer)
        .send({ reason: 'left' }),
      200,
    );
    expect(await refusedEverywhereWithin(dave, start)).toBeLessThan(1_000);
    expectOk(
      await stack
        .http('profile')
        .post(`/accounts/${dave.accountId}/enable`)
        .set(admin.bearer)
        .send({}),
      200,
    );
    // Disabling ended the session too (auth-service's reactor), so the old token stays refused; a new sign-in works.
    const again = await eventually(() => stack.signIn('dave'));
    expect(await statuses(again)).toEqual([200, 200, 200]);
  });
});
