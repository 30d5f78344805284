import { expectOk, type SignedIn, Stack } from './stack';

/**
 * One authenticated read per service for an API token: profile answers 200 (profile:read), auth and
 * credentials 403 (person-only routes: the token is valid, the rule refuses it). Once the token is
 * refused as revoked, every service answers 401 instead.
 */
const PROBES = [
  { service: 'profile', path: '/accounts/me' },
  { service: 'auth', path: '/auth/me/sessions' },
  { service: 'credentials', path: '/api-credentials' },
] as const;
const WORKING = [200, 403, 403];

describe('access tokens of revoked and regenerated API credentials, across the three services', () => {
  let stack: Stack;
  let admin: SignedIn;
  beforeAll(async () => {
    stack = await Stack.start();
    admin = await stack.organization('alice');
  });
  afterAll(() => stack.close());

  async function generate(
    owner: SignedIn,
  ): Promise<{ id: string; clientId: string; secret: string }> {
    const res = await stack
      .http('credentials')
      .post('/api-credentials')
      .set(owner.bearer)
      .send({ name: 'ci', scopes: ['profile:read'] });
    expectOk(res, 201);
    return res.body;
  }

  async function apiToken(credential: {
    clientId: string;
    secret: string;
  }): Promise<Record<string, string>> {
    const res = await stack
      .http('credentials')
      .post('/oauth/token')
      .auth(credential.clientId, credential.secret)
      .type('form')
      .send({ grant_type: 'client_credentials' });
    expectOk(res, 200);
    return { Authorization: `Bearer ${res.body.access_token}` };
  }

  async function statuses(bearer: Record<string, string>): Promise<number[]> {
    return Promise.all(
      PROBES.map(async (p) => (await stack.http(p.service).get(p.path).set(bearer)).status),
    );
  }

  /** How long until every service answers 401, failing after a second. */
  async function refusedEverywhereWithin(
    bearer: Record<string, string>,
    sinceMs: number,
  ): Promise<number> {
    for (;;) {
      const now = await statuses(bearer);
      if (now.every((status) => status === 401)) return Date.now() - sinceMs;
      if (Date.now() - sinceMs > 1_000)
        throw new Error(`still answered ${JSON.stringify(now)} after a second`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('a revoked credential: its unexpired token is refused by every service within a second', async () => {
    const bob = await stack.member(admin, 'bob');
    const credential = await generate(bob);
    const token = await apiToken(credential);
    expect(await statuses(token)).toEqual(WORKING);
    const start = Date.now();
    expectOk(
      await stack.http('credentials').delete(`/api-credentials/${credential.id}`).set(bob.bearer),
      204,
    );
    expect(await refusedEverywhereWithin(token, start)).toBeLessThan(1_000);
    const res = await stack.http('profile').get('/accounts/me').set(token);
    expect(res.body.message).toBe(
      'The access token is not valid (credential revoked); sign in again',
    );
    // The person's own token is untouched.
    expect((await stack.http('profile').get('/accounts/me').set(bob.bearer)).status).toBe(200);
  });

  it('a regenerated credential: tokens issued before are refused within a second, tokens of the new secret work', async () => {
    const carol = await stack.member(admin, 'carol');
    const credential = await generate(carol);
    const before = await apiToken(credential);
    expect(await statuses(before)).toEqual(WORKING);
    // iat has whole seconds: regenerate in a later second than the token was issued in.
    await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000) + 5));
    const start = Date.now();
    const regenerated = await stack
      .http('credentials')
      .post(`/api-credentials/${credential.id}/regenerate`)
      .set(carol.bearer);
    expectOk(regenerated, 200);
    expect(await refusedEverywhereWithin(before, start)).toBeLessThan(1_000);
    const res = await stack.http('profile').get('/accounts/me').set(before);
    expect(res.body.message).toBe(
      'The access token is not valid (credential regenerated); sign in again',
    );
    const after = await apiToken({
      clientId: credential.clientId,
      secret: regenerated.body.secret,
    });
    expect(await statuses(after)).toEqual(WORKING);
  });
});
