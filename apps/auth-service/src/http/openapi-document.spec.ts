import { undocumentedOperations } from '@accounts/testing';
import { AuthTestApp } from '../testing/auth-test-app';

/** Clients are generated from /docs-json: every operation says what it answers, and every answer is checked against it (jest setup). */
describe('auth-service: the served OpenAPI document', () => {
  let app: AuthTestApp;
  beforeAll(async () => {
    app = await AuthTestApp.start();
  });
  afterAll(() => app.close());

  it('documents a success answer with its schema, and every path parameter, on every operation', async () => {
    const res = await app.http().get('/docs-json').expect(200);
    expect(undocumentedOperations(res.body)).toEqual([]);
  });
});
