import type { Principal } from '@accounts/security';
import { TestTokens } from '@accounts/testing';
import { CredentialsTestApp } from '../testing/credentials-test-app';

type Caller = Partial<Principal> & Pick<Principal, 'accountId' | 'orgId'>;
const ann: Caller = { accountId: 'ann', orgId: 'org-1' };
const boss: Caller = { accountId: 'boss', orgId: 'org-1', accountType: 'administrator' };
const foreignBoss: Caller = { accountId: 'zed', orgId: 'org-2', accountType: 'administrator' };
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('GET /api-credentials?accountId=&at= (administrators; the fold the audit service composes)', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;
  const as = (caller: Caller) => tokens.bearer(caller);

  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(async () => {
    h = await CredentialsTestApp.start(tokens.verifier);
    await h.registerAccount('ann', 'org-1');
    await h.registerAccount('boss', 'org-1', 'administrator');
    await h.registerAccount('zed', 'org-2', 'administrator');
  });
  afterEach(() => h.close());

  it('answers ?at= what the live list answered at each instant (last use aside: it is not in the events)', async () => {
    const live: Array<{ at: string; body: { credentials: Array<Record<string, unknown>> } }> = [];
    const record = async () => {
      const res = await h.http
        .get('/api-credentials?accountId=ann')
        .set(await as(boss))
        .expect(200);
      await pause();
      live.push({ at: new Date().toISOString(), body: res.body });
      await pause();
    };
    await record();
    const ci = (
      await h.http
        .post('/api-credentials')
        .set(await as(ann))
        .send({ name: 'ci' })
        .expect(201)
    ).body;
    await h.http
      .post('/api-credentials')
      .set(await as(ann))
      .send({ name: 'soon', expiresAt: new Date(Date.now() + 60_000).toISOString() })
      .expect(201);
    await record();
    await h.http
      .post(`/api-credentials/${ci.id}/regenerate`)
      .set(await as(ann))
      .expect(200);
    await record();
    await h.http
      .delete(`/api-credentials/${ci.id}`)
      .set(await as(boss))
      .expect(204);
    await record();
    for (const { at, body } of live) {
      const res = await h.http
        .get(`/api-credentials?accountId=ann&at=${encodeURIComponent(at)}`)
        .set(await as(boss))
        .expect(200);
      const withoutUse = (b: typeof body) => ({
        ...b,
        credentials: b.credentials.map((c) => ({ ...c, lastUsedAt: null })),
      });
      expect(res.body).toEqual(withoutUse(body));
    }
    expect(live.map((l) => l.body.credentials.map((c) => c['status']))).toEqual([
      [],
      ['active', 'active'],
      ['active', 'active'],
      ['revoked', 'active'],
    ]);
  });

  it('answers 400 naming at, 401 without a token, 403 to the owner, 404 to another organization, and writes nothing', async () => {
    const before = await h.headPosition();
    const bad = await h.http
      .get('/api-credentials?accountId=ann&at=soon')
      .set(await as(boss))
      .expect(400);
    expect(bad.body.details.fields[0].field).toBe('at');
    await h.http.get('/api-credentials?accountId=ann&at=2026-01-01T00:00:00Z').expect(401);
    await h.http
      .get('/api-credentials?at=2026-01-01T00:00:00Z')
      .set(await as(ann))
      .expect(403);
    await h.http
      .get('/api-credentials?accountId=ann&at=2026-01-01T00:00:00Z')
      .set(await as(foreignBoss))
      .expect(404);
    expect(await h.headPosition()).toBe(before);
  });
});
