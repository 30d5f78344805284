import { AuthTestApp, expectStatus, STRONG_PASSWORD } from '../testing/auth-test-app';

describe('sessions: refresh, logout, list, end; password change', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.create();
    orgId = await app.organization();
    await app.activeAccount(orgId, 'alice');
    await app.activeAccount(orgId, 'bob');
  });
  afterAll(() => app.close());

  it('rotates the refresh token; presenting an old one ends the session', async () => {
    const first = await app.tokens('alice');
    const refreshed = await app.http().post('/auth/refresh').send({ refreshToken: first.refreshToken });
    expectStatus(refreshed, 200);
    expect(refreshed.body.refreshToken).not.toBe(first.refreshToken);
    const reused = await app.http().post('/auth/refresh').send({ refreshToken: first.refreshToken });
    expectStatus(reused, 401);
    expect(reused.body.code).toBe('AUTH-session-ended');
    const after = await app.http().post('/auth/refresh').send({ refreshToken: refreshed.body.refreshToken });
    expectStatus(after, 401);
    const bad = await app.http().post('/auth/refresh').send({});
    expectStatus(bad, 400);
    expect(bad.body.message).toMatch(/refreshToken/);
    expectStatus(await app.http().post('/auth/refresh').send({ refreshToken: 'garbage' }), 401);
  });

  it('applies a changed session timeout to existing sessions (idle timeout)', async () => {
    const { refreshToken } = await app.tokens('bob');
    const bob = (await app.allEvents()).find((e) => e.type === 'AccountRegistered' && (e.data as { userName: string }).userName === 'bob')!;
    const accountId = (bob.data as { accountId: string }).accountId;
    await app.append(`account-${accountId}`, [{ type: 'AccountSessionTimeoutChanged', data: { accountId, from: '30m', to: '15m' } }]);
    const store = app.store;
    // Pretend 16 minutes passed by refreshing "later": the domain compares with the last activity.
    const realNow = Date.now;
    Date.now = () => realNow() + 16 * 60_000;
    const RealDate = Date;
    (global as { Date: DateConstructor }).Date = class extends RealDate {
      constructor(...args: unknown[]) {
        super(...((args.length ? args : [realNow() + 16 * 60_000]) as []));
      }
      static override now() {
        return realNow() + 16 * 60_000;
      }
    } as DateConstructor;
    try {
      const res = await app.http().post('/auth/refresh').send({ refreshToken });
      expectStatus(res, 401);
      expect(res.body).toEqual(expect.objectContaining({ code: 'AUTH-session-ended', details: { reason: 'idle-timeout' } }));
    } finally {
      (global as { Date: DateConstructor }).Date = RealDate;
      Date.now = realNow;
    }
    expect(store).toBeDefined();
  });

  it('lists my sessions with the current one marked, ends one, and logs out', async () => {
    const a = await app.tokens('alice');
    const b = await app.tokens('alice');
    await app.caughtUp();
    const list = await app.http().get('/auth/me/sessions').set(a.bearer);
    expectStatus(list, 200);
    const mine = list.body.items.find((s: { current: boolean }) => s.current);
    expect(mine).toEqual({ id: expect.any(String), device: 'Firefox on Linux', ip: expect.any(String), startedAt: expect.any(String), lastActiveAt: expect.any(String), current: true });
    const other = list.body.items.find((s: { id: string; current: boolean }) => !s.current);
    expect(other).toBeDefined();
    const bSession = JSON.parse(Buffer.from(b.accessToken.split('.')[1], 'base64url').toString()).sid;
    expectStatus(await app.http().delete(`/auth/me/sessions/${bSession}`).set(a.bearer), 204);
    expectStatus(await app.http().post('/auth/refresh').send({ refreshToken: b.refreshToken }), 401);
    expectStatus(await app.http().post('/auth/logout').set(a.bearer), 204);
    expectStatus(await app.http().post('/auth/refresh').send({ refreshToken: a.refreshToken }), 401);
    expectStatus(await app.http().get('/auth/me/sessions'), 401);
  });

  it("cannot end another account's session (404)", async () => {
    const a = await app.tokens('alice');
    const b = await app.tokens('bob');
    const bSession = JSON.parse(Buffer.from(b.accessToken.split('.')[1], 'base64url').toString()).sid;
    const res = await app.http().delete(`/auth/me/sessions/${bSession}`).set(a.bearer);
    expectStatus(res, 404);
    expectStatus(await app.http().post('/auth/refresh').send({ refreshToken: b.refreshToken }), 200);
  });

  it('changes the password, ends the other sessions on request, and emails the user', async () => {
    const keep = await app.tokens('alice');
    const other = await app.tokens('alice');
    let head = await app.store.headPosition();
    const wrong = await app.http().put('/auth/me/password').set(keep.bearer).send({ currentPassword: 'nope nope nope', newPassword: 'a much better passphrase 7', repeatPassword: 'a much better passphrase 7' });
    expect([400, 401, 403]).toContain(wrong.status);
    // The wrong current password is counted by the sign-in guard, and nothing else is written.
    const counted = await app.store.readAll({ fromPosition: head, maxCount: 10 });
    expect(counted.map((e) => e.type)).toEqual(['SignInAttemptFailed']);
    head = await app.store.headPosition();
    const mismatch = await app.http().put('/auth/me/password').set(keep.bearer).send({ currentPassword: STRONG_PASSWORD, newPassword: 'a much better passphrase 7', repeatPassword: 'something else entirely' });
    expectStatus(mismatch, 400);
    expect(mismatch.body.details.field).toBe('repeatPassword');
    expect(await app.store.headPosition()).toBe(head);
    const res = await app.http().put('/auth/me/password').set(keep.bearer).send({ currentPassword: STRONG_PASSWORD, newPassword: 'a much better passphrase 7', repeatPassword: 'a much better passphrase 7', endOtherSessions: true });
    expectStatus(res, 200);
    expect(res.body.endedSessions).toBeGreaterThanOrEqual(1);
    expectStatus(await app.http().post('/auth/refresh').send({ refreshToken: other.refreshToken }), 401);
    expectStatus(await app.http().post('/auth/refresh').send({ refreshToken: keep.refreshToken }), 200);
    expect((await app.waitForMessage('alice@example.com', 'password-changed')).tag).toBe('password-changed');
    expectStatus(await app.login('alice'), 401);
    expectStatus(await app.login('alice', 'a much better passphrase 7'), 200);
    expect(JSON.stringify(await app.allEvents())).not.toContain('a much better passphrase 7');
  });
});
