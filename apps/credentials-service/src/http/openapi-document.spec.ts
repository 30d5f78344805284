import { TestTokens, undocumentedOperations } from '@accounts/testing';
import { CredentialsTestApp } from '../testing/credentials-test-app';

/** Clients are generated from /docs-json: every operation says what it answers, and every answer is checked against it (jest setup). */
describe('credentials-service: the served OpenAPI document', () => {
  let harness: CredentialsTestApp;
  beforeAll(async () => {
    harness = await CredentialsTestApp.start((await TestTokens.create()).verifier);
  });
  afterAll(() => harness.close());

  it('documents a success answer with its schema, and every path parameter, on every operation', async () => {
    const res = await harness.http.get('/docs-json').expect(200);
    expect(undocumentedOperations(res.body)).toEqual([]);
  });
});
