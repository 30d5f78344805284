import { TestTokens, undocumentedOperations } from '@accounts/testing';
import { randomUUID } from 'node:crypto';
import { ProfileTestApp } from '../testing/profile-test-app';

const OPERATIONS_TOKEN = 'operations-token-for-tests-0123456789abcdef';

/** Clients are generated from /docs-json: every operation says what it answers, and every answer is checked against it (jest setup). */
describe('profile-service: the served OpenAPI document', () => {
  let app: ProfileTestApp;
  beforeAll(async () => {
    app = await ProfileTestApp.start(await TestTokens.create(), {
      OPERATIONS_TOKEN,
    });
  });
  afterAll(() => app.close());

  it('documents a success answer with its schema, and every path parameter, on every operation', async () => {
    const res = await app.http().get('/docs-json').expect(200);
    expect(undocumentedOperations(res.body)).toEqual([]);
  });

  // The operational routes every service shares, answered here so that their documented shapes are checked too.
  it('answers /health, /metrics and the operations API in their documented shapes', async () => {
    const ops = { 'X-Operations-Token': OPERATIONS_TOKEN };
    expect((await app.http().get('/health').expect(200)).body.status).toBe('ok');
    expect((await app.http().get('/metrics').expect(200)).text).toContain('# HELP');
    const list = await app.http().get('/ops/projections').set(ops).expect(200);
    const name: string = list.body.projections[0].name;
    expect(
      (await app.http().get(`/ops/projections/${name}/parked`).set(ops).expect(200)).body,
    ).toEqual({ name, events: [] });
    await app
      .http()
      .post(`/ops/projections/${name}/parked/${randomUUID()}/retry`)
      .set(ops)
      .expect(404);
    await app
      .http()
      .post(`/ops/projections/${name}/parked/${randomUUID()}/skip`)
      .set(ops)
      .expect(404);
    expect(
      (await app.http().post(`/ops/projections/${name}/rebuild`).set(ops).expect(202)).body,
    ).toMatchObject({ name, rebuilding: true });
  });
});
