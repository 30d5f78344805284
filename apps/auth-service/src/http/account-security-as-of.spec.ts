import { randomUUID } from 'node:crypto';
import { AuthTestApp, expectStatus } from '../testing/auth-test-app';

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('GET /auth/accounts/:id/security[?at=] (administrators; the fold the audit service composes)', () => {
  let app: AuthTestApp;
  let orgId: string;
  let admin: Record<string, string>;
  let aliceId: string;

  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
    const root = await app.activeAccount(orgId, 'root', { accountType: 'administrator' });
    await app.addAdministrator(orgId, root.accountId);
    admin = await app.loginWithChallengeFree('root');
    aliceId = (await app.activeAccount(orgId, 'alice')).accountId;
  });
  afterAll(() => app.close());

  it('answers ?at= exactly what the live read answered at each of several instants', async () => {
    const live: Array<{ at: string; body: { openSessions: unknown[] } }> = [];
    const record = async () => {
      await app.caughtUp();
      const res = await app.http().get(`/auth/accounts/${aliceId}/security`).set(admin);
      expectStatus(res, 200);
      await pause();
      live.push({ at: new Date().toISOString(), body: res.body });
      await pause();
    };
    await record();
    const first = await app.tokens('alice');
    await record();
    await app.tokens('alice');
    await record();
    expectStatus(
      await app
        .http()
        .post('/auth/logout')
        .set(first.bearer)
        .send({ refreshToken: first.refreshToken }),
      204,
    );
    await record();
    for (const { at, body } of live) {
      const res = await app
        .http()
        .get(`/auth/accounts/${aliceId}/security?at=${encodeURIComponent(at)}`)
        .set(admin);
      expectStatus(res, 200);
      expect(res.body).toEqual(body);
    }
    expect(live.map((l) => l.body.openSessions.length)).toEqual([0, 1, 2, 1]);
    expect(live[0].body).toMatchObject({
      method: 'password',
      passwordSet: true,
      trustedDevices: [],
    });
  });

  it('answers 400 for a bad instant, 401 without a token, 403 to a non-administrator, 404 outside the organization', async () => {
    const alice = await app.loginWithChallengeFree('alice');
    const before = (await app.allEvents()).length;
    expectStatus(
      await app.http().get(`/auth/accounts/${aliceId}/security?at=never`).set(admin),
      400,
    );
    expectStatus(await app.http().get(`/auth/accounts/${aliceId}/security`), 401);
    expectStatus(await app.http().get(`/auth/accounts/${aliceId}/security`).set(alice), 403);
    expectStatus(await app.http().get(`/auth/accounts/${randomUUID()}/security`).set(admin), 404);
    expect((await app.allEvents()).length).toBe(before);
  });
});
