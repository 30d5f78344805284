import { DisabledAccountSessionsReactor } from '../projections/disabled-account-sessions.reactor';
import { ReadModels } from '../projections/read-models';
import { AuthTestApp, expectStatus } from '../testing/auth-test-app';

describe('a disabled account (profile event AccountDisabled)', () => {
  let app: AuthTestApp;
  let orgId: string;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    orgId = await app.organization();
  });
  afterAll(() => app.close());

  const endedSessionsOf = async (accountId: string) =>
    (await app.allEvents()).filter(
      (e) =>
        e.type === 'SessionEnded' && (e.data as { accountId?: string }).accountId === accountId,
    );

  /** Waits until the reactor (on its own timer) has ended `count` sessions of the account. */
  async function reacted(accountId: string, count: number): Promise<void> {
    const reactor = app.t.app.get(DisabledAccountSessionsReactor);
    expect(await reactor.runner.waitForPosition(await app.store.headPosition(), 5000)).toBe(true);
    for (let i = 0; i < 100 && (await endedSessionsOf(accountId)).length < count; i++)
      await new Promise((r) => setTimeout(r, 20));
    await app.caughtUp();
  }

  it('ends every open session (account-disabled), refuses refresh and sign-in with the generic answer', async () => {
    const user = await app.activeAccount(orgId, 'dora');
    const other = await app.activeAccount(orgId, 'dave');
    const a = await app.tokens('dora');
    const b = await app.tokens('dora');
    const kept = await app.tokens('dave');
    expect((await app.http().get('/auth/me/sessions').set(a.bearer)).body.items).toHaveLength(2);

    await app.append(`account-${user.accountId}`, [
      { type: 'AccountDisabled', data: { accountId: user.accountId, reason: 'left' } },
    ]);
    await reacted(user.accountId, 2);

    const ended = await endedSessionsOf(user.accountId);
    expect(ended).toHaveLength(2);
    expect(ended.map((e) => (e.data as { reason: string }).reason)).toEqual([
      'account-disabled',
      'account-disabled',
    ]);
    expect(ended[0].metadata.actor).toEqual({ kind: 'system' });

    for (const session of [a, b]) {
      const refused = await app
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: session.refreshToken });
      expectStatus(refused, 401);
    }
    // The access tokens, though unexpired, stop working with the event (the revoked_tokens read model).
    for (const session of [a, b]) {
      const list = await app.http().get('/auth/me/sessions').set(session.bearer);
      expectStatus(list, 401);
      expect(list.body.message).toBe(
        'The access token is not valid (account disabled); sign in again',
      );
    }
    expectStatus(await app.http().get('/auth/me/sessions').set(kept.bearer), 200);

    const login = await app.login('dora');
    expectStatus(login, 401);
    expect(login.body).toEqual(expect.objectContaining({ code: 'AUTH-sign-in-failed' }));
    const unknown = await app.login('nobody-here');
    expect(login.body.message).toBe(unknown.body.message);

    // Another account of the organization keeps its session.
    expectStatus(
      await app.http().post('/auth/refresh').send({ refreshToken: kept.refreshToken }),
      200,
    );
    expect(other.accountId).not.toBe(user.accountId);
  });

  it('is enabled again: signs in again; the sessions ended stay ended', async () => {
    const user = await app.activeAccount(orgId, 'erin');
    const old = await app.tokens('erin');
    await app.append(`account-${user.accountId}`, [
      { type: 'AccountDisabled', data: { accountId: user.accountId } },
    ]);
    await reacted(user.accountId, 1);
    await app.append(`account-${user.accountId}`, [
      { type: 'AccountEnabled', data: { accountId: user.accountId } },
    ]);
    expectStatus(
      await app.http().post('/auth/refresh').send({ refreshToken: old.refreshToken }),
      401,
    );
    const fresh = await app.tokens('erin');
    expectStatus(
      await app.http().post('/auth/refresh').send({ refreshToken: fresh.refreshToken }),
      200,
    );
    expect(await endedSessionsOf(user.accountId)).toHaveLength(1);
  });

  it('runs its queue and open sessions as read models: listed in /health and rebuilt like the others', async () => {
    const health = await app.http().get('/health');
    expectStatus(health, 200);
    expect(health.body.info.projections).toMatchObject({
      status: 'up',
      disabled_accounts: expect.objectContaining({ lag: expect.any(Number), parkedEvents: 0 }),
      open_sessions: expect.objectContaining({ lag: expect.any(Number), parkedEvents: 0 }),
    });

    const user = await app.activeAccount(orgId, 'fern');
    await app.tokens('fern');
    await app.append(`account-${user.accountId}`, [
      { type: 'AccountDisabled', data: { accountId: user.accountId } },
    ]);
    await reacted(user.accountId, 1);
    const readModels = app.t.app.get(ReadModels);
    await readModels.rebuild('disabled_accounts');
    await readModels.rebuild('open_sessions');
    // The rebuilt queue still holds the account; its finished work is not redone, its ended session not reopened.
    expect(
      readModels.database.all(
        'SELECT account_id FROM disabled_pending WHERE account_id = ?',
        user.accountId,
      ),
    ).toHaveLength(1);
    expect(
      readModels.database.all(
        'SELECT session_id FROM open_sessions WHERE account_id = ?',
        user.accountId,
      ),
    ).toEqual([]);
    await app.t.app.get(DisabledAccountSessionsReactor).drain();
    expect(await endedSessionsOf(user.accountId)).toHaveLength(1);
  });
});
