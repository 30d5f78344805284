import type { TestApp } from '@accounts/service-kit';
import { TestTokens, undocumentedOperations } from '@accounts/testing';
import request from 'supertest';
import { AuditTestApp } from '../testing/audit-test-app';

/** Clients are generated from /docs-json: every operation says what it answers, and every answer is checked against it (jest setup). */
describe('audit: the served OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    const tokens = await TestTokens.create();
    t = await AuditTestApp.start(tokens.verifier).then((app) => app.t);
  });
  afterAll(() => t.close());

  it('documents a success answer with its schema, and every path parameter, on every operation', async () => {
    const res = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    expect(undocumentedOperations(res.body)).toEqual([]);
  });
});
