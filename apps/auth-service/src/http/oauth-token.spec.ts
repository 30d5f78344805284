import { AuthTestApp } from '../testing/auth-test-app';

/** POST /oauth/token (RFC 6749 §6 refresh grant): the token endpoint auth-service's metadata announces. */
describe('POST /oauth/token (refresh_token grant) of auth-service', () => {
  let app: AuthTestApp;
  beforeEach(async () => {
    app = await AuthTestApp.start();
    const orgId = await app.organization();
    await app.activeAccount(orgId, 'alice');
  });
  afterEach(() => app.close());

  const grant = (form: Record<string, string>) =>
    app.http().post('/oauth/token').type('form').send(form);

  it('rotates: new access and refresh tokens in the OAuth shape, the presented refresh token stops working', async () => {
    const { refreshToken } = await app.tokens('alice');
    const res = await grant({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: 'account-console',
    }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^ey/),
      token_type: 'Bearer',
      expires_in: 300,
      refresh_token: expect.any(String),
    });
    expect(res.body.refresh_token).not.toBe(refreshToken);
    // The new access token works; the old refresh token is used up (invalid_grant, RFC 6749 §5.2).
    await app
      .http()
      .get('/auth/me/sessions')
      .set('Authorization', `Bearer ${res.body.access_token}`)
      .expect(200);
    const reused = await grant({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: 'account-console',
    }).expect(400);
    expect(reused.body).toEqual({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/sign in again/),
    });
  });

  it('answers RFC 6749 errors for bad input, and writes nothing', async () => {
    const { refreshToken } = await app.tokens('alice');
    const before = await app.store.headPosition();
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ refresh_token: refreshToken, client_id: 'account-console' }, 400, 'invalid_request'],
      [
        { grant_type: 'client_credentials', client_id: 'account-console' },
        400,
        'unsupported_grant_type',
      ],
      [
        { grant_type: 'password', client_id: 'account-console', username: 'alice', password: 'x' },
        400,
        'unsupported_grant_type',
      ],
      [{ grant_type: 'refresh_token', client_id: 'account-console' }, 400, 'invalid_request'],
      [
        {
          grant_type: 'refresh_token',
          refresh_token: '00000000-0000-4000-8000-000000000000.guess',
          client_id: 'account-console',
        },
        400,
        'invalid_grant',
      ],
      [
        { grant_type: 'refresh_token', refresh_token: 'not-a-token', client_id: 'account-console' },
        400,
        'invalid_grant',
      ],
    ];
    for (const [form, status, error] of cases) {
      const res = await grant(form).expect(status);
      expect(res.body.error).toBe(error);
    }
    expect(await app.store.headPosition()).toBe(before);
  });

  it('refuses an unknown client and client credentials (a public client has none): 401 invalid_client', async () => {
    const { refreshToken } = await app.tokens('alice');
    const before = await app.store.headPosition();
    const unknown = await grant({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: 'someone',
    }).expect(401);
    expect(unknown.body.error).toBe('invalid_client');
    expect(unknown.headers['www-authenticate']).toMatch(/^Basic/);
    const withSecret = await app
      .http()
      .post('/oauth/token')
      .type('form')
      .set('Authorization', `Basic ${Buffer.from('account-console:guess').toString('base64')}`)
      .send({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: 'account-console',
      })
      .expect(401);
    expect(withSecret.body.error).toBe('invalid_client');
    expect(await app.store.headPosition()).toBe(before);
  });

  it('is announced in the RFC 8414 metadata with public-client authentication', async () => {
    const res = await app.http().get('/.well-known/oauth-authorization-server').expect(200);
    expect(res.body).toMatchObject({
      token_endpoint: `${res.body.issuer}/oauth/token`,
      token_endpoint_auth_methods_supported: ['none'],
      grant_types_supported: ['refresh_token'],
    });
  });
});
