import type { TestApp } from '@accounts/service-kit';
import { TestTokens } from '@accounts/testing';
import request from 'supertest';
import { AuditTestApp } from '../testing/audit-test-app';

describe('audit: GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await AuditTestApp.start((await TestTokens.create()).verifier).then((app) => app.t);
  });
  afterAll(() => t.close());

  it('lists every projection of the service with its lag, without a token', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.details.projections).toEqual({
      status: 'up',
      account_index: { lag: 0, caughtUp: true, parkedEvents: 0 },
      revoked_tokens: { lag: 0, caughtUp: true, parkedEvents: 0 },
    });
  });
});
