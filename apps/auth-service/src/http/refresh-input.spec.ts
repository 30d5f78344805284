import { AuthTestApp, expectStatus } from '../testing/auth-test-app';

/**
 * POST /auth/refresh, the hottest route with a body, takes the global pipe's flat-body fast path
 * (service-kit FlatBodyCheck): the answers to bad input are still ValidationPipe's, field by field,
 * and nothing is written.
 */
describe('POST /auth/refresh: bad input', () => {
  let app: AuthTestApp;
  let refreshToken: string;
  beforeAll(async () => {
    app = await AuthTestApp.start();
    const orgId = await app.organization();
    await app.activeAccount(orgId, 'rhea');
    ({ refreshToken } = await app.tokens('rhea'));
  });
  afterAll(() => app.close());

  async function expectNothingWritten(action: () => Promise<unknown>): Promise<void> {
    const before = await app.store.headPosition();
    await action();
    expect(await app.store.headPosition()).toBe(before);
  }

  const refresh = (body: unknown) =>
    app
      .http()
      .post('/auth/refresh')
      .send(body as object);

  const invalid = (field: string, errors: string[]) => ({
    statusCode: 400,
    error: 'Bad Request',
    message: `${field}: ${errors.join(', ')}`,
    code: 'REQUEST-validation-failed',
    details: { fields: [{ field, errors }] },
  });

  const MISSING = 'must be longer than or equal to 1 characters';
  const NOT_A_STRING = 'must be a string';
  const OUT_OF_RANGE =
    'must be longer than or equal to 1 and shorter than or equal to 256 characters';
  it.each([
    ['no refreshToken', {}, invalid('refreshToken', [MISSING, NOT_A_STRING])],
    ['null', { refreshToken: null }, invalid('refreshToken', [MISSING, NOT_A_STRING])],
    ['a number', { refreshToken: 42 }, invalid('refreshToken', [OUT_OF_RANGE, NOT_A_STRING])],
    ['an array', { refreshToken: ['a'] }, invalid('refreshToken', [OUT_OF_RANGE, NOT_A_STRING])],
    ['empty', { refreshToken: '' }, invalid('refreshToken', [MISSING])],
    [
      '257 characters',
      { refreshToken: 'a'.repeat(257) },
      invalid('refreshToken', ['must be shorter than or equal to 256 characters']),
    ],
  ])('refuses %s with the field named (400)', async (_, body, answer) => {
    await expectNothingWritten(async () => {
      const res = await refresh(body);
      expectStatus(res, 400);
      expect(res.body).toEqual(answer);
    });
  });

  it('refuses a property it does not know, naming it, and does not rotate the token', async () => {
    await expectNothingWritten(async () => {
      const res = await refresh({ refreshToken, remember: true });
      expectStatus(res, 400);
      expect(res.body).toEqual(invalid('remember', ['should not exist']));
    });
    // The token was not used: it still rotates once.
    expectStatus(await refresh({ refreshToken }), 200);
  });

  it('names every unknown property and the bad field together', async () => {
    const res = await refresh({ a: 1, refreshToken: '', b: 2 });
    expectStatus(res, 400);
    expect(res.body.details.fields).toEqual([
      { field: 'a', errors: ['should not exist'] },
      { field: 'b', errors: ['should not exist'] },
      { field: 'refreshToken', errors: [MISSING] },
    ]);
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const body of ['"a.b"', '[]', '42']) {
      const res = await app
        .http()
        .post('/auth/refresh')
        .set('content-type', 'application/json')
        .send(body);
      expectStatus(res, 400);
    }
  });

  it('counts characters as the pipe does: 200 emoji are 200 characters, not 400 (401, not 400)', async () => {
    const emoji = await refresh({ refreshToken: '\u{1F600}'.repeat(200) });
    expectStatus(emoji, 401);
    expect(emoji.body.code).toBe('AUTH-refresh-token-invalid');
    const tooMany = await refresh({ refreshToken: '\u{1F600}'.repeat(257) });
    expectStatus(tooMany, 400);
    expect(tooMany.body.details.fields[0].field).toBe('refreshToken');
  });

  it('answers 401 to a well-formed token it does not know, writing nothing', async () => {
    await expectNothingWritten(async () => {
      const res = await refresh({
        refreshToken: `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.x`,
      });
      expectStatus(res, 401);
      expect(res.body.code).toBe('AUTH-refresh-token-invalid');
    });
  });
});
