import { TestTokens } from '@accounts/testing';
import type { AddressInfo } from 'node:net';
import { basic, CredentialsTestApp } from '../testing/credentials-test-app';

describe('concurrent regenerate requests', () => {
  let tokens: TestTokens;
  let h: CredentialsTestApp;
  let baseUrl: string;

  beforeAll(async () => (tokens = await TestTokens.create()));
  beforeEach(async () => {
    // Trying every answered secret must not run into the per-client back-off.
    h = await CredentialsTestApp.start(tokens.verifier, { CLIENT_BACKOFF_AFTER_FAILURES: '100' });
    await h.registerAccount('ann', 'org-1');
    await h.t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(h.t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterEach(() => h.close());

  it('leave exactly one valid secret: every answered secret but the last is refused, the losers get 409', async () => {
    const ann = await tokens.bearer({ accountId: 'ann', orgId: 'org-1' });
    const key = (await h.http.post('/api-credentials').set(ann).send({}).expect(201)).body;

    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        fetch(`${baseUrl}/api-credentials/${key.id}/regenerate`, {
          method: 'POST',
          headers: ann,
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { secret?: string; code?: string },
        })),
      ),
    );
    const won = answers.filter((a) => a.status === 200);
    const lost = answers.filter((a) => a.status !== 200);
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(
      lost.every((a) => a.status === 409 && a.body.code === 'COMMAND-concurrency-conflict'),
    ).toBe(true);

    const candidates = [key.secret, ...won.map((a) => a.body.secret as string)];
    const valid: string[] = [];
    for (const secret of candidates) {
      const response = await fetch(`${baseUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic(key.clientId, secret)}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      if (response.status === 200) valid.push(secret);
      else expect(response.status).toBe(401);
    }
    expect(valid).toHaveLength(1);
    const regenerations = (await h.allEvents()).filter(
      (e) => e.type === 'ApiCredentialRegenerated',
    );
    expect(regenerations).toHaveLength(won.length);
  });
});
