import { randomUUID } from 'node:crypto';
import { REVOKED_TOKENS } from '@accounts/service-kit';
import { TestTokens } from '@accounts/testing';
import { expectStatus, type Member, ProfileTestApp } from '../testing/profile-test-app';
import { ACCOUNT_DIRECTORY } from './account-directory.projection';
import { AccountDirectoryQueries } from './account-directory.queries';
import { ReadModels } from './read-models';

describe('the account directory read model', () => {
  let app: ProfileTestApp;
  let admin: Member;
  beforeAll(async () => {
    app = await ProfileTestApp.start(await TestTokens.create());
    admin = (await app.createOrganization('alice')).admin;
    const other = (await app.createOrganization('zoe')).admin;
    for (let i = 0; i < 15; i++) {
      const { member } = await app.registerAccount(i % 3 === 0 ? other : admin, `user${i}`);
      await app
        .http()
        .patch('/accounts/me')
        .set(await app.as(member))
        .send({ lastName: `Last${i}`, userName: `User${i}x` });
      if (i % 4 === 0) {
        const by = i % 3 === 0 ? other : admin;
        await app
          .http()
          .post(`/accounts/${member.accountId}/disable`)
          .set(await app.as(by))
          .send({});
      }
      if (i % 5 === 0) {
        const by = i % 3 === 0 ? other : admin;
        await app
          .http()
          .put(`/accounts/${member.accountId}/account-type`)
          .set(await app.as(by))
          .send({ accountType: 'read-only' });
      }
    }
  });
  afterAll(() => app.close());

  it('rebuilt from position zero, equals the live one', async () => {
    const queries = app.t.app.get(AccountDirectoryQueries);
    // Edits do not wait for the directory; a listing does, and so does this read.
    await app.t.app.get(ReadModels).directoryUpToDate(app.store);
    const live = queries.all();
    expect(live).toHaveLength(17);
    expect(live.find((row) => row.user_name === 'User4x')).toEqual(
      expect.objectContaining({ enabled: 0, last_name: 'Last4', user_name_lower: 'user4x' }),
    );
    await app.t.app.get(ReadModels).runner.rebuild(ACCOUNT_DIRECTORY);
    expect(queries.all()).toEqual(live);
    const [status] = await app.t.app.get(ReadModels).runner.status();
    expect(status).toEqual(
      expect.objectContaining({ name: ACCOUNT_DIRECTORY, generation: 2, lag: 0 }),
    );
  });

  it('serves the same rows after a restart on the same data folder', async () => {
    const tokens = await TestTokens.create();
    const first = await ProfileTestApp.start(tokens, { DATA_DIR: `${app.t.dataDir}-restart` });
    try {
      const org = (await first.createOrganization('restart')).admin;
      await first.registerAccount(org, 'kept');
    } finally {
      await first.close();
    }
    const again = await ProfileTestApp.start(tokens, { DATA_DIR: `${app.t.dataDir}-restart` });
    try {
      const rows = again.t.app.get(AccountDirectoryQueries).all();
      expect(rows.map((row) => row.user_name).sort()).toEqual(['kept', 'restart']);
    } finally {
      await again.close();
      const { rmSync } = await import('node:fs');
      rmSync(`${app.t.dataDir}-restart`, { recursive: true, force: true });
    }
  });

  it('reports its lag in /health, which needs no token, nor does /metrics', async () => {
    const res = await app.http().get('/health');
    expectStatus(res, 200);
    expect(res.body.details.projections).toEqual({
      status: 'up',
      [ACCOUNT_DIRECTORY]: { lag: 0, caughtUp: true, parkedEvents: 0 },
      [REVOKED_TOKENS]: { lag: 0, caughtUp: true, parkedEvents: 0 },
    });
    expectStatus(await app.http().get('/metrics'), 200);
  });
});

describe('a directory listing right after writes it has not applied yet', () => {
  let app: ProfileTestApp;
  afterAll(() => app.close());

  it('waits for them: it shows every account and edit committed before it, though the edit did not wait', async () => {
    app = await ProfileTestApp.start(await TestTokens.create());
    const admin = (await app.createOrganization('busy')).admin;
    const { member } = await app.registerAccount(admin, 'editor');
    // Another worker's burst of registrations, appended straight to the store: the directory is behind.
    const [model] = await app.store.readStream(`account-${member.accountId}`, { maxCount: 1 });
    const burst = 3_000;
    await Promise.all(
      Array.from({ length: burst }, (_, i) => {
        const accountId = randomUUID();
        return app.store.append(
          `account-${accountId}`,
          [
            {
              type: model.type,
              data: {
                ...(model.data as object),
                accountId,
                userName: `burst${i}`,
                email: `b${i}@x.test`,
              },
              metadata: model.metadata,
            },
          ],
          'no_stream',
        );
      }),
    );
    const edited = await app
      .http()
      .patch('/accounts/me')
      .set(await app.as(member))
      .send({ lastName: 'AfterTheBurst' });
    expectStatus(edited, 200);
    const list = async (search: string) =>
      app
        .http()
        .get(`/organizations/${admin.orgId}/accounts?search=${search}`)
        .set(await app.as(admin));
    const mine = await list('editor');
    expectStatus(mine, 200);
    expect(mine.body.items.map((i: { lastName: string }) => i.lastName)).toEqual(['AfterTheBurst']);
    const last = await list(`burst${burst - 1}`);
    expect(last.body.items.map((i: { userName: string }) => i.userName)).toEqual([
      `burst${burst - 1}`,
    ]);
  }, 60_000);
});
