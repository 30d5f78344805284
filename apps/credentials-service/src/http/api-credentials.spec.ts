import { TestTokens } from '@accounts/testing';
import type { Principal } from '@accounts/security';
import { CredentialsTestApp } from '../testing/credentials-test-app';

type Caller = Partial<Principal> & Pick<Principal, 'accountId' | 'orgId'>;
const ann: Caller = { accountId: 'ann', orgId: 'org-1' };
const eve: Caller = { accountId: 'eve', orgId: 'org-1' };
const boss: Caller = { accountId: 'boss', orgId: 'org-1', accountType: 'administrator' };
const foreignBoss: Caller = { accountId: 'zed', orgId: 'org-2', accountType: 'administrator' };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('API credentials over HTTP', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;
  const as = (caller: Caller) => tokens.bearer(caller);

  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(async () => {
    h = await CredentialsTestApp.start(tokens.verifier);
    await h.registerAccount('ann', 'org-1');
    await h.registerAccount('eve', 'org-1');
    await h.registerAccount('boss', 'org-1', 'administrator');
    await h.registerAccount('zed', 'org-2', 'administrator');
  });
  afterEach(() => h.close());

  async function generate(caller: Caller = ann, body: object = {}) {
    const response = await h.http
      .post('/api-credentials')
      .set(await as(caller))
      .send(body)
      .expect(201);
    return response.body as {
      id: string;
      clientId: string;
      secret: string;
      name: string | null;
      expiresAt: string | null;
    };
  }

  /** A refused request writes nothing. */
  async function expectNothingWritten(action: () => Promise<unknown>): Promise<void> {
    const before = await h.headPosition();
    await action();
    expect(await h.headPosition()).toBe(before);
  }

  describe('POST /api-credentials', () => {
    it('returns id, clientId and a prefixed secret, not cacheable', async () => {
      const response = await h.http
        .post('/api-credentials')
        .set(await as(ann))
        .send({ name: 'CI pipeline', expiresAt: '2099-01-01T00:00:00Z' })
        .expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        clientId: expect.stringMatching(/^aci_[0-9A-Za-z]{22}$/),
        secret: expect.stringMatching(/^acs_[0-9A-Za-z]{49}$/),
        name: 'CI pipeline',
        scopes: ['profile:read'],
        expiresAt: '2099-01-01T00:00:00.000Z',
      });
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('works without a body: no name, no expiry', async () => {
      const response = await h.http
        .post('/api-credentials')
        .set(await as(ann))
        .expect(201);
      expect(response.body).toMatchObject({ name: null, expiresAt: null });
    });

    it('records who did it, from where, in the event metadata', async () => {
      await h.http
        .post('/api-credentials')
        .set(await as(ann))
        .set('X-Correlation-Id', 'corr-42')
        .set('User-Agent', 'curl/8')
        .expect(201);
      const [event] = (await h.allEvents()).filter((e) => e.type === 'ApiCredentialGenerated');
      expect(event.streamId).toBe('apicredentials-ann');
      expect(event.metadata).toMatchObject({
        correlationId: 'corr-42',
        causationId: 'corr-42',
        actor: { kind: 'user', accountId: 'ann' },
        orgId: 'org-1',
        userAgent: 'curl/8',
      });
    });

    it.each([
      [{ name: 42 }, 'name: must be a string'],
      [{ name: 'x'.repeat(101) }, 'name: must be at most 100 characters'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt: must be an ISO-8601 date or date-time'],
      [{ expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt: must be in the future'],
      [{ secret: 'mine' }, 'secret: should not exist'],
    ])('answers 400 naming the field for %j, and writes nothing', async (body, message) => {
      await expectNothingWritten(async () => {
        const response = await h.http
          .post('/api-credentials')
          .set(await as(ann))
          .send(body)
          .expect(400);
        expect(response.body.message).toBe(message);
      });
    });

    it('answers 401 without a token', async () => {
      await expectNothingWritten(() => h.http.post('/api-credentials').send({}).expect(401));
    });

    it('answers 401 asking to sign in again when the sign-in is older than 15 minutes', async () => {
      const stale = await as({ ...ann, authTime: Math.floor(Date.now() / 1000) - 16 * 60 });
      await expectNothingWritten(async () => {
        const response = await h.http.post('/api-credentials').set(stale).send({}).expect(401);
        expect(response.body).toMatchObject({ code: 'SECURITY-recent-sign-in-required' });
        expect(response.body.message).toMatch(/^Sign in again/);
        expect(response.headers['www-authenticate']).toBe(
          'Bearer error="insufficient_user_authentication", error_description="Sign in again", max_age=900',
        );
      });
    });

    it('keeps the scopes chosen, administrator scopes for administrators only, and refuses bad ones naming the field', async () => {
      const chosen = await generate(ann, {
        scopes: ['audit:read', 'profile:read'],
      });
      expect((chosen as unknown as { scopes: string[] }).scopes).toEqual([
        'profile:read',
        'audit:read',
      ]);
      await expectNothingWritten(async () => {
        for (const scopes of [[], ['profile:read', 'root'], 'profile:read', [7]]) {
          const response = await h.http
            .post('/api-credentials')
            .set(await as(ann))
            .send({ scopes })
            .expect(400);
          const details = response.body.details as {
            field?: string;
            fields?: { field: string }[];
          };
          expect(details.field ?? details.fields?.map((f) => f.field).join()).toBe('scopes');
        }
        const standard = await h.http
          .post('/api-credentials')
          .set(await as(ann))
          .send({ scopes: ['accounts:write'] })
          .expect(403);
        expect(standard.body).toMatchObject({
          code: 'CREDENTIALS-scope-not-allowed',
          details: { field: 'scopes' },
        });
      });
    });

    it('refuses an API access token: credentials are managed by a person', async () => {
      await expectNothingWritten(async () => {
        const response = await h.http
          .post('/api-credentials')
          .set(await as({ ...ann, kind: 'api' }))
          .send({})
          .expect(403);
        expect(response.body.code).toBe('AUTH-person-only');
      });
    });

    it('refuses the unexpired token of a disabled account as soon as the account is disabled (401)', async () => {
      await h.disableAccount('ann');
      await expectNothingWritten(async () => {
        const response = await h.http
          .post('/api-credentials')
          .set(await as(ann))
          .send({})
          .expect(401);
        expect(response.body.message).toBe(
          'The access token is not valid (account disabled); sign in again',
        );
      });
    });

    it('lets an account hold 10 credentials, and no 11th until one is removed', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await generate(ann, { name: `key ${i}` })).id);
      await expectNothingWritten(async () => {
        const refused = await h.http
          .post('/api-credentials')
          .set(await as(ann))
          .send({})
          .expect(409);
        expect(refused.body).toMatchObject({
          code: 'CREDENTIALS-limit-reached',
          details: { maxCredentials: 10 },
        });
      });
      await h.http
        .delete(`/api-credentials/${ids[3]}`)
        .set(await as(ann))
        .expect(204);
      await generate(ann);
    });
  });

  describe('GET /api-credentials', () => {
    it('lists name, clientId, status, created, last regenerated, last used and never a secret', async () => {
      const kept = await generate(ann, {
        name: 'kept',
        scopes: ['profile:write', 'profile:read'],
      });
      const gone = await generate(ann, { name: 'gone' });
      const soon = await generate(ann, {
        name: 'soon',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      await h.http
        .post(`/api-credentials/${kept.id}/regenerate`)
        .set(await as(ann))
        .expect(200);
      await h.http
        .delete(`/api-credentials/${gone.id}`)
        .set(await as(ann))
        .expect(204);
      h.advance(120_000);

      const response = await h.http
        .get('/api-credentials')
        .set(await as(ann))
        .expect(200);
      expect(response.body).toEqual({
        accountId: 'ann',
        maxCredentials: 10,
        credentials: [
          {
            id: kept.id,
            name: 'kept',
            clientId: kept.clientId,
            status: 'active',
            scopes: ['profile:read', 'profile:write'],
            createdAt: expect.any(String),
            lastRegeneratedAt: expect.any(String),
            lastUsedAt: null,
            expiresAt: null,
            revokedAt: null,
          },
          {
            id: gone.id,
            name: 'gone',
            clientId: gone.clientId,
            status: 'revoked',
            scopes: ['profile:read'],
            createdAt: expect.any(String),
            lastRegeneratedAt: null,
            lastUsedAt: null,
            expiresAt: null,
            revokedAt: expect.any(String),
          },
          {
            id: soon.id,
            name: 'soon',
            clientId: soon.clientId,
            status: 'expired',
            scopes: ['profile:read'],
            createdAt: expect.any(String),
            lastRegeneratedAt: null,
            lastUsedAt: null,
            expiresAt: soon.expiresAt,
            revokedAt: null,
          },
        ],
      });
      expect(JSON.stringify(response.body)).not.toMatch(/acs_|hmac-sha256/);
    });

    it('shows another account of the organization to its administrator only', async () => {
      const key = await generate(ann);
      const asBoss = await h.http
        .get('/api-credentials')
        .query({ accountId: 'ann' })
        .set(await as(boss))
        .expect(200);
      expect(asBoss.body.credentials.map((c: { id: string }) => c.id)).toEqual([key.id]);

      for (const other of [eve, foreignBoss]) {
        const refused = await h.http
          .get('/api-credentials')
          .query({ accountId: 'ann' })
          .set(await as(other))
          .expect(404);
        expect(refused.body.code).toBe('CREDENTIALS-account-not-found');
      }
    });

    it('trusts the accounts read model over the token claim: a demoted administrator sees nothing more', async () => {
      await generate(ann);
      await h.changeAccountType('boss', 'administrator', 'standard');
      const response = await h.http
        .get('/api-credentials')
        .query({ accountId: 'ann' })
        .set(await as(boss))
        .expect(404);
      expect(response.body.items).toBeUndefined();
    });

    it('answers 400 naming an unknown query parameter, 401 without a token', async () => {
      const response = await h.http
        .get('/api-credentials')
        .query({ owner: 'ann' })
        .set(await as(ann))
        .expect(400);
      expect(response.body.message).toBe('owner: should not exist');
      await h.http.get('/api-credentials').expect(401);
    });
  });

  describe('POST /api-credentials/:id/regenerate', () => {
    it('returns a new secret for the same clientId', async () => {
      const key = await generate(ann);
      const response = await h.http
        .post(`/api-credentials/${key.id}/regenerate`)
        .set(await as(ann))
        .expect(200);
      expect(response.body).toMatchObject({
        id: key.id,
        clientId: key.clientId,
        secret: expect.stringMatching(/^acs_/),
      });
      expect(response.body.secret).not.toBe(key.secret);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('answers 400 naming the id when it is not one, and writes nothing', async () => {
      await expectNothingWritten(async () => {
        const response = await h.http
          .post('/api-credentials/nope/regenerate')
          .set(await as(ann))
          .expect(400);
        expect(response.body.message).toBe('id: must be a credential id (UUID)');
      });
    });

    it('requires a recent sign-in', async () => {
      const key = await generate(ann);
      const stale = await as({ ...ann, authTime: Math.floor(Date.now() / 1000) - 3600 });
      await expectNothingWritten(async () => {
        const response = await h.http
          .post(`/api-credentials/${key.id}/regenerate`)
          .set(stale)
          .expect(401);
        expect(response.body.code).toBe('SECURITY-recent-sign-in-required');
      });
    });

    it("finds nobody else's credential, not even the administrator's", async () => {
      const key = await generate(ann);
      for (const other of [eve, boss, foreignBoss]) {
        await expectNothingWritten(async () => {
          const response = await h.http
            .post(`/api-credentials/${key.id}/regenerate`)
            .set(await as(other))
            .expect(404);
          expect(response.body.code).toBe('CREDENTIALS-credential-not-found');
        });
      }
      await h.http
        .post(`/api-credentials/${UNKNOWN_ID}/regenerate`)
        .set(await as(ann))
        .expect(404);
    });

    it('refuses a revoked credential', async () => {
      const key = await generate(ann);
      await h.http
        .delete(`/api-credentials/${key.id}`)
        .set(await as(ann))
        .expect(204);
      await expectNothingWritten(async () => {
        const response = await h.http
          .post(`/api-credentials/${key.id}/regenerate`)
          .set(await as(ann))
          .expect(404);
        expect(response.body.code).toBe('CREDENTIALS-credential-not-found');
        expect(response.body.secret).toBeUndefined();
      });
    });
  });

  describe('DELETE /api-credentials/:id', () => {
    it('revokes the own credential; doing it again changes nothing', async () => {
      const key = await generate(ann);
      await h.http
        .delete(`/api-credentials/${key.id}`)
        .set(await as(ann))
        .expect(204);
      await expectNothingWritten(() => h.http.delete(`/api-credentials/${key.id}`).expect(401));
      await expectNothingWritten(async () => {
        await h.http
          .delete(`/api-credentials/${key.id}`)
          .set(await as(ann))
          .expect(204);
      });
      const revoked = (await h.allEvents()).filter((e) => e.type === 'ApiCredentialRevoked');
      expect(revoked.map((e) => e.data)).toEqual([
        { accountId: 'ann', credentialId: key.id, reason: 'removed-by-owner' },
      ]);
    });

    it('lets an administrator of the same organization revoke, recorded as an admin action', async () => {
      const key = await generate(ann);
      await h.http
        .delete(`/api-credentials/${key.id}`)
        .set(await as(boss))
        .expect(204);
      const [revoked] = (await h.allEvents()).filter((e) => e.type === 'ApiCredentialRevoked');
      expect(revoked.data).toMatchObject({ reason: 'removed-by-administrator' });
      expect(revoked.metadata).toMatchObject({
        actor: { kind: 'admin', accountId: 'boss' },
        orgId: 'org-1',
      });
    });

    it('finds nothing for another standard account or another organization’s administrator', async () => {
      const key = await generate(ann);
      for (const other of [eve, foreignBoss]) {
        await expectNothingWritten(async () => {
          const response = await h.http
            .delete(`/api-credentials/${key.id}`)
            .set(await as(other))
            .expect(404);
          expect(response.body.code).toBe('CREDENTIALS-credential-not-found');
        });
      }
      await h.http
        .delete(`/api-credentials/${UNKNOWN_ID}`)
        .set(await as(ann))
        .expect(404);
    });

    it('answers 400 naming the id, and 401 without a token', async () => {
      const response = await h.http
        .delete('/api-credentials/123')
        .set(await as(ann))
        .expect(400);
      expect(response.body.message).toBe('id: must be a credential id (UUID)');
      await h.http.delete(`/api-credentials/${UNKNOWN_ID}`).expect(401);
    });
  });
});
