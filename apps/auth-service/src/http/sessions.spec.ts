import { AuthTestApp, expectStatus, STRONG_PASSWORD } from '../testing/auth-test-app';

describe('sessions: refresh, logout, list, end; password change', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
    await app.activeAccount(orgId, 'alice');
    await app.activeAccount(orgId, 'bob');
  });
  afterAll(() => app.close());

  it('rotates the refresh token; presenting an old one ends the session', async () => {
    const first = await app.tokens('alice');
    const refreshed = await app
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: first.refreshToken });
    expectStatus(refreshed, 200);
    expect(refreshed.body.refreshToken).not.toBe(first.refreshToken);
    const reused = await app
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: first.refreshToken });
    expectStatus(reused, 401);
    expect(reused.body.code).toBe('AUTH-session-ended');
    const after = await app
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: refreshed.body.refreshToken });
    expectStatus(after, 401);
    const bad = await app.http().post('/auth/refresh').send({});
    expectStatus(bad, 400);
    expect(bad.body.message).toMatch(/refreshToken/);
    expectStatus(await app.http().post('/auth/refresh').send({ refreshToken: 'garbage' }), 401);
  });

  describe('idle timeout', () => {
    // The service's clock (CLOCK) is moved, nothing global: timers, SQLite, supertest and the
    // projections keep real time, and every test starts from it again.
    let moved = 0;
    const later = (ms: number) => {
      app.advance(ms);
      moved += ms;
    };
    const backToNow = () => {
      app.advance(-moved);
      moved = 0;
    };
    afterEach(backToNow);

    it('keeps a session that is used within the account timeout and ends it after that much idle time, with the new timeout applied to open sessions', async () => {
      const carol = await app.activeAccount(orgId, 'carol');
      const { refreshToken } = await app.tokens('carol');
      // The user shortens their timeout from 30 min to 15 min (profile-service's event): it applies to
      // the session that is already open.
      await app.append(`account-${carol.accountId}`, [
        {
          type: 'AccountSessionTimeoutChanged',
          data: { accountId: carol.accountId, from: '30m', to: '15m' },
        },
      ]);

      later(14 * 60_000);
      const used = await app.http().post('/auth/refresh').send({ refreshToken });
      expectStatus(used, 200);
      const sessionId = refreshToken.split('.')[0];
      expect(
        JSON.parse(Buffer.from(used.body.accessToken.split('.')[1], 'base64url').toString()).sid,
      ).toBe(sessionId);

      // 14 minutes after that refresh (28 after sign-in) the session is still alive: the clock restarts
      // at each use, it does not count from the sign-in.
      later(14 * 60_000);
      const stillUsed = await app
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: used.body.refreshToken });
      expectStatus(stillUsed, 200);

      // Then 16 idle minutes: the next refresh is refused with the reason, and the session ends.
      later(16 * 60_000);
      const idle = await app
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: stillUsed.body.refreshToken });
      expectStatus(idle, 401);
      expect(idle.body).toEqual(
        expect.objectContaining({
          code: 'AUTH-session-ended',
          details: { reason: 'idle-timeout' },
        }),
      );
      const ended = (await app.allEvents()).filter(
        (e) => e.streamId === `session-${sessionId}` && e.type === 'SessionEnded',
      );
      expect(ended.map((e) => (e.data as { reason: string }).reason)).toEqual(['idle-timeout']);

      // It stays ended (no second chance with the same token) and is gone from the user's list.
      expectStatus(
        await app.http().post('/auth/refresh').send({ refreshToken: stillUsed.body.refreshToken }),
        401,
      );
      // A new sign-in at the real time: access tokens are verified against it.
      backToNow();
      const fresh = await app.tokens('carol');
      await app.caughtUp();
      const list = await app.http().get('/auth/me/sessions').set(fresh.bearer);
      expectStatus(list, 200);
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(sessionId);
    });

    it('with the default 30 minutes, 16 idle minutes do not end the session', async () => {
      await app.activeAccount(orgId, 'dave');
      const { refreshToken } = await app.tokens('dave');
      later(16 * 60_000);
      expectStatus(await app.http().post('/auth/refresh').send({ refreshToken }), 200);
    });
  });

  it('lists my sessions with the current one marked, ends one, and logs out', async () => {
    const a = await app.tokens('alice');
    const b = await app.tokens('alice');
    await app.caughtUp();
    const list = await app.http().get('/auth/me/sessions').set(a.bearer);
    expectStatus(list, 200);
    const mine = list.body.items.find((s: { current: boolean }) => s.current);
    expect(mine).toEqual({
      id: expect.any(String),
      device: 'Firefox on Linux',
      ip: expect.any(String),
      startedAt: expect.any(String),
      lastActiveAt: expect.any(String),
      current: true,
    });
    const bSession = JSON.parse(
      Buffer.from(b.accessToken.split('.')[1], 'base64url').toString(),
    ).sid;
    // The other sign-in is listed too, not marked as this one.
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: bSession, current: false }),
    );
    expectStatus(await app.http().delete(`/auth/me/sessions/${bSession}`).set(a.bearer), 204);
    expectStatus(
      await app.http().post('/auth/refresh').send({ refreshToken: b.refreshToken }),
      401,
    );
    expectStatus(await app.http().post('/auth/logout').set(a.bearer), 204);
    expectStatus(
      await app.http().post('/auth/refresh').send({ refreshToken: a.refreshToken }),
      401,
    );
    expectStatus(await app.http().get('/auth/me/sessions'), 401);
  });

  it('lists the session of a sign-in answered a moment ago, with no wait by the client', async () => {
    // Read-your-writes: the list waits for its read model to hold what the store held when it was
    // asked. Without it, on PostgreSQL the list ran 4-26 ms behind a sign-in here and often missed it.
    await app.activeAccount(orgId, 'erin');
    const started: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { accessToken, bearer } = await app.tokens('erin');
      started.push(JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid);
      const list = await app.http().get('/auth/me/sessions').set(bearer);
      expectStatus(list, 200);
      expect(list.body.items.map((s: { id: string }) => s.id).sort()).toEqual([...started].sort());
    }
  });

  it("cannot end another account's session (404)", async () => {
    const a = await app.tokens('alice');
    const b = await app.tokens('bob');
    const bSession = JSON.parse(
      Buffer.from(b.accessToken.split('.')[1], 'base64url').toString(),
    ).sid;
    const res = await app.http().delete(`/auth/me/sessions/${bSession}`).set(a.bearer);
    expectStatus(res, 404);
    expectStatus(
      await app.http().post('/auth/refresh').send({ refreshToken: b.refreshToken }),
      200,
    );
  });

  it('changes the password, ends the other sessions on request, and emails the user', async () => {
    const keep = await app.tokens('alice');
    const other = await app.tokens('alice');
    let head = await app.store.headPosition();
    const wrong = await app.http().put('/auth/me/password').set(keep.bearer).send({
      currentPassword: 'nope nope nope',
      newPassword: 'a much better passphrase 7',
      repeatPassword: 'a much better passphrase 7',
    });
    expect([400, 401, 403]).toContain(wrong.status);
    // The wrong current password is counted by the sign-in guard, and nothing else is written.
    const counted = await app.store.readAll({ fromPosition: head, maxCount: 10 });
    expect(counted.map((e) => e.type)).toEqual(['SignInAttemptFailed']);
    head = await app.store.headPosition();
    const mismatch = await app.http().put('/auth/me/password').set(keep.bearer).send({
      currentPassword: STRONG_PASSWORD,
      newPassword: 'a much better passphrase 7',
      repeatPassword: 'something else entirely',
    });
    expectStatus(mismatch, 400);
    expect(mismatch.body.details.field).toBe('repeatPassword');
    expect(await app.store.headPosition()).toBe(head);
    const res = await app.http().put('/auth/me/password').set(keep.bearer).send({
      currentPassword: STRONG_PASSWORD,
      newPassword: 'a much better passphrase 7',
      repeatPassword: 'a much better passphrase 7',
      endOtherSessions: true,
    });
    expectStatus(res, 200);
    expect(res.body.endedSessions).toBeGreaterThanOrEqual(1);
    expectStatus(
      await app.http().post('/auth/refresh').send({ refreshToken: other.refreshToken }),
      401,
    );
    expectStatus(
      await app.http().post('/auth/refresh').send({ refreshToken: keep.refreshToken }),
      200,
    );
    expect((await app.waitForMessage('alice@example.com', 'password-changed')).tag).toBe(
      'password-changed',
    );
    expectStatus(await app.login('alice'), 401);
    expectStatus(await app.login('alice', 'a much better passphrase 7'), 200);
    expect(JSON.stringify(await app.allEvents())).not.toContain('a much better passphrase 7');
  });
});
