import { createTestApp, type TestApp } from '@accounts/service-kit';
import { TestTokens } from '@accounts/testing';
import request from 'supertest';
import { AuditModule } from '../app/audit.module';
import { SERVICE_NAME } from '../app/service-name';
import { auditConfigSchema } from '../config';

describe('audit: GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      serviceName: SERVICE_NAME,
      schema: auditConfigSchema,
      env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' },
      imports: [AuditModule.register({ tokenVerifier: (await TestTokens.create()).verifier })],
    });
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
