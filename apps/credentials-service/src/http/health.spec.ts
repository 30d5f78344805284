import { TestTokens } from '@accounts/testing';
import { CredentialsTestApp } from '../testing/credentials-test-app';

describe('GET /health', () => {
  it('reports the read models next to the event store, without a token', async () => {
    const h = await CredentialsTestApp.start((await TestTokens.create()).verifier);
    try {
      const response = await h.http.get('/health').expect(200);
      expect(response.body.info).toMatchObject({
        eventStore: { status: 'up' },
        // The same shape as every service: one entry per projection with its lag.
        projections: {
          status: 'up',
          api_credential_keys: expect.objectContaining({
            lag: expect.any(Number),
            parkedEvents: 0,
          }),
          accounts: expect.objectContaining({ lag: expect.any(Number), parkedEvents: 0 }),
        },
      });
    } finally {
      await h.close();
    }
  });

  it('lists every projection of the service, and only those', async () => {
    const h = await CredentialsTestApp.start((await TestTokens.create()).verifier);
    try {
      const { status, ...listed } = (await h.http.get('/health').expect(200)).body.details
        .projections;
      expect(status).toBe('up');
      expect(Object.keys(listed).sort()).toEqual([
        'accounts',
        'api_credential_keys',
        'revoked_tokens',
      ]);
    } finally {
      await h.close();
    }
  });
});
