import { TestTokens } from '@accounts/testing';
import { CredentialsTestApp } from '../testing/credentials-test-app';

describe('rebuilding the read models from position 0 while the service answers', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;

  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(
    async () =>
      (h = await CredentialsTestApp.start(tokens.verifier, { SQLITE_SYNCHRONOUS: 'normal' })),
  );
  afterEach(() => h.close());

  const keyStatus = () =>
    h.readModels.database.all('SELECT * FROM api_credential_keys ORDER BY credential_id');
  const accounts = () => h.readModels.database.all('SELECT * FROM accounts ORDER BY account_id');

  it('keeps granting tokens during the rebuild, and the rebuilt models equal the live ones', async () => {
    const working: { clientId: string; secret: string }[] = [];
    for (let a = 0; a < 6; a++) {
      const caller = { accountId: `user${a}`, orgId: `org-${a % 2}` };
      await h.registerAccount(
        caller.accountId,
        caller.orgId,
        a === 0 ? 'administrator' : 'standard',
      );
      const bearer = await tokens.bearer(caller);
      for (let k = 0; k < 5; k++) {
        const key = (
          await h.http
            .post('/api-credentials')
            .set(bearer)
            .send({ name: `key ${k}` })
            .expect(201)
        ).body;
        if (k === 1) {
          const renewed = (
            await h.http.post(`/api-credentials/${key.id}/regenerate`).set(bearer).expect(200)
          ).body;
          // user5 is disabled below: its keys stop working, so they are not among those granted during the rebuild.
          if (a !== 5) working.push({ clientId: key.clientId, secret: renewed.secret });
        } else if (k === 2) {
          await h.http.delete(`/api-credentials/${key.id}`).set(bearer).expect(204);
        } else if (a !== 5) {
          working.push({ clientId: key.clientId, secret: key.secret });
        }
      }
    }
    // Enough history that the rebuild, raw pages and all, outlasts a few grants.
    await fillerHistory(h, 3000);
    await h.disableAccount('user5');
    await h.changeAccountType('user1', 'standard', 'administrator');
    const liveKeys = keyStatus();
    const liveAccounts = accounts();
    expect(liveKeys).toHaveLength(30 + 3000 * 2);

    let swapped = false;
    const rebuilding = Promise.all([
      h.readModels.rebuild('api_credential_keys'),
      h.readModels.rebuild('accounts'),
    ]).then(() => (swapped = true));
    let answeredBeforeSwap = 0;
    for (let i = 0; !swapped; i++) {
      const { clientId, secret } = working[i % working.length];
      await h.token(clientId, secret).expect(200);
      if (!swapped) answeredBeforeSwap++;
    }
    await rebuilding;

    expect(answeredBeforeSwap).toBeGreaterThan(0);
    expect(keyStatus()).toEqual(liveKeys);
    expect(accounts()).toEqual(liveAccounts);
    const statuses = await h.readModels.runner.status();
    expect(statuses.map((s) => [s.name, s.generation, s.rebuilding])).toEqual([
      ['api_credential_keys', 2, false],
      ['accounts', 2, false],
      // Not rebuilt here; every service has it (service-kit's ReadModelsHost).
      ['revoked_tokens', 1, false],
    ]);
    // The rebuilt copies are the live ones now: the next change reaches them.
    const { clientId, secret } = working[0];
    await h.disableAccount('user0');
    await h.token(clientId, secret).expect(401);
  }, 60_000);
});

/** History written directly to the store (as other instances would), so the rebuild takes a while. */
async function fillerHistory(h: CredentialsTestApp, accounts: number): Promise<void> {
  const metadata = { correlationId: 'filler', causationId: 'filler', actor: { kind: 'system' } };
  const registered = (i: number) => ({
    type: 'AccountRegistered',
    metadata,
    data: {
      accountId: `filler${i}`,
      orgId: 'org-filler',
      userName: `filler${i}`,
      firstName: 'Filler',
      lastName: `Number ${i}`,
      email: `filler${i}@example.com`,
      mobilePhone: null,
      timeZone: 'UTC',
      sessionTimeout: '30m',
      accountType: 'standard',
      groupRestriction: { kind: 'all' },
      activation: { tokenSha256: 'cd'.repeat(32), expiresAt: '2026-12-31T00:00:00.000Z' },
    },
  });
  for (let i = 0; i < accounts; i++) {
    await h.store.append(`account-filler${i}`, [registered(i)], 'no_stream');
    const events = [0, 1].flatMap((k) => {
      const credentialId = `f${i}-${k}`;
      return [
        {
          type: 'ApiCredentialGenerated',
          metadata,
          data: {
            accountId: `filler${i}`,
            credentialId,
            clientId: `aci_f${i}k${k}`,
            name: null,
            expiresAt: null,
            secretHash: 'hmac-sha256:x',
          },
        },
        {
          type: 'ApiCredentialRegenerated',
          metadata,
          data: { accountId: `filler${i}`, credentialId, secretHash: 'hmac-sha256:y' },
        },
      ];
    });
    const { position } = await h.store.append(`apicredentials-filler${i}`, events, 'no_stream');
    if (i === accounts - 1) await h.readModels.waitFor(position);
  }
}
