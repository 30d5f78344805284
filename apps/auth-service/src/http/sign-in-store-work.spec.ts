import { AuthTestApp, expectStatus, STRONG_PASSWORD } from '../testing/auth-test-app';

/**
 * What a password sign-in asks of the store (issue 15: a sign-in at the cost of its argon2): the
 * guard and the authenticator are read once each, the new sign-in and session streams are not read at
 * all (fresh random ids), and the sign-in, its session and the guard's success are appended in the same
 * turn, so the embedded store writes them in one group commit. Each still ends where it did before.
 */
describe('password sign-in: store reads and commits', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
    await app.activeAccount(orgId, 'alice');
  });
  afterAll(() => app.close());

  /** Every readStream and append the service makes while `action` runs, in call order. */
  async function storeCalls(action: () => Promise<unknown>) {
    const store = app.store;
    const calls: string[] = [];
    const readStream = store.readStream.bind(store);
    const append = store.append.bind(store);
    const readSpy = jest.spyOn(store, 'readStream').mockImplementation((streamId, options) => {
      calls.push(`read ${streamId.split('-')[0]}`);
      return readStream(streamId, options);
    });
    const appendSpy = jest.spyOn(store, 'append').mockImplementation(async (streamId, ...rest) => {
      const prefix = streamId.split('-')[0];
      calls.push(`append ${prefix}`);
      const result = await append(streamId, ...rest);
      calls.push(`stored ${prefix}`);
      return result;
    });
    try {
      await action();
    } finally {
      readSpy.mockRestore();
      appendSpy.mockRestore();
    }
    return calls;
  }

  it('reads the guard and the authenticator once, and commits the sign-in, its session and the guard success together', async () => {
    let status = 0;
    const calls = await storeCalls(async () => {
      const res = await app.login('alice');
      status = res.status;
      expect(res.body.accessToken).toEqual(expect.any(String));
    });
    expect(status).toBe(200);
    expect(calls.filter((c) => c.startsWith('read'))).toEqual([
      'read signinguard',
      'read authenticator',
    ]);
    // The sign-in, the session that follows from its SignInCompleted and the guard's success are
    // appended in one turn, the sign-in first: one group commit, and none is stored before the others.
    expect(calls.filter((c) => !c.startsWith('read'))).toEqual([
      'append signin',
      'append session',
      'append signinguard',
      'stored signin',
      'stored session',
      'stored signinguard',
    ]);
    const events = await app.allEvents();
    const types = events.slice(-4).map((e) => e.type);
    expect(types).toEqual([
      'SignInStarted',
      'SignInCompleted',
      'SessionStarted',
      'SignInSucceeded',
    ]);
  });

  it('the session it opens is listed and refreshable, and a success still ends a run of failures', async () => {
    for (let i = 0; i < 4; i++) expectStatus(await app.login('alice', 'wrong password 1234'), 401);
    const { bearer, refreshToken } = await app.tokens('alice');
    await app.caughtUp();
    const sessions = await app.http().get('/auth/me/sessions').set(bearer);
    expectStatus(sessions, 200);
    expect(sessions.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expectStatus(await app.http().post('/auth/refresh').send({ refreshToken }), 200);
    // Four failures, a success, four more: not locked (five in a row would be).
    for (let i = 0; i < 4; i++) expectStatus(await app.login('alice', 'wrong password 1234'), 401);
    expectStatus(await app.login('alice', STRONG_PASSWORD), 200);
  });

  it('a guard written by another attempt between the check and the success is re-read, not overwritten', async () => {
    const successes = async () =>
      (await app.allEvents()).filter(
        (e) => e.streamId.startsWith('signinguard-') && e.type === 'SignInSucceeded',
      ).length;
    const before = await successes();
    // Two sign-ins of one account at once: both read the guard before either success was stored, so
    // the second append conflicts and is decided again on the guard as the first left it.
    const [first, second] = await Promise.all([app.login('alice'), app.login('alice')]);
    expectStatus(first, 200);
    expectStatus(second, 200);
    expect(await successes()).toBe(before + 2);
  });
});
