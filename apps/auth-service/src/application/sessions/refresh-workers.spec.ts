import { AuthTestApp, expectStatus } from '../../testing/auth-test-app';

/**
 * A refresh decides first on the session as this process last wrote it, without reading the stream.
 * Two apps on one data folder stand for two worker processes: what one writes, the other's cache has
 * not seen.
 */
describe('refresh with rotation across two workers on one store', () => {
  let one: AuthTestApp;
  let two: AuthTestApp;
  beforeAll(async () => {
    one = await AuthTestApp.start();
    two = await AuthTestApp.start({ DATA_DIR: one.t.dataDir });
    const orgId = await one.organization();
    await one.activeAccount(orgId, 'alice');
    await two.caughtUp();
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  const refresh = (app: AuthTestApp, refreshToken: string) =>
    app.http().post('/auth/refresh').send({ refreshToken });

  it('rotates on either worker, whichever rotated last', async () => {
    const { refreshToken } = await one.tokens('alice');
    const a = await refresh(one, refreshToken);
    expectStatus(a, 200);
    // Worker two rotates the token worker one just issued; one's cache still holds the one before.
    const b = await refresh(two, a.body.refreshToken);
    expectStatus(b, 200);
    const c = await refresh(one, b.body.refreshToken);
    expectStatus(c, 200);
    expect(
      new Set([refreshToken, a.body.refreshToken, b.body.refreshToken, c.body.refreshToken]).size,
    ).toBe(4);
    const sessionId = refreshToken.split('.')[0];
    expect((await one.store.readStream(`session-${sessionId}`)).map((e) => e.type)).toEqual([
      'SessionStarted',
      'SessionRefreshed',
      'SessionRefreshed',
      'SessionRefreshed',
    ]);
  });

  it('ends the session when a token rotated out on the other worker is presented again', async () => {
    const { refreshToken } = await one.tokens('alice');
    const a = await refresh(one, refreshToken);
    expectStatus(a, 200);
    expectStatus(await refresh(two, a.body.refreshToken), 200);
    // One's cache has a.body.refreshToken as current; the store has it rotated out: reuse.
    const reused = await refresh(one, a.body.refreshToken);
    expectStatus(reused, 401);
    const sessionId = refreshToken.split('.')[0];
    const events = await one.store.readStream(`session-${sessionId}`);
    expect(events.at(-1)).toMatchObject({
      type: 'SessionEnded',
      data: { reason: 'refresh-token-reused' },
    });
  });

  it('refuses a refresh on one worker of a session signed out on the other', async () => {
    const { refreshToken } = await one.tokens('alice');
    const a = await refresh(one, refreshToken);
    expectStatus(a, 200);
    const out = await two
      .http()
      .post('/auth/logout')
      .set({ Authorization: `Bearer ${a.body.accessToken}` })
      .send({ refreshToken: a.body.refreshToken });
    expect(out.status).toBeLessThan(300);
    expectStatus(await refresh(one, a.body.refreshToken), 401);
  });
});
