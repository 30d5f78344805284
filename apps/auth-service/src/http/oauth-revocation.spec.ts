import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AuthTestApp } from '../testing/auth-test-app';

/** RFC 7009 for refresh tokens, and the RFC 8414 document that announces it. */
describe('POST /oauth/revoke (RFC 7009) and the authorization server metadata of auth-service', () => {
  let app: AuthTestApp;
  beforeEach(async () => {
    app = await AuthTestApp.start();
    const orgId = await app.organization();
    await app.activeAccount(orgId, 'alice');
  });
  afterEach(() => app.close());

  const revoke = (form: Record<string, string>) =>
    app.http().post('/oauth/revoke').type('form').send(form);

  it('ends the session of a refresh token: it no longer refreshes; the same answer for unknown and repeated tokens', async () => {
    const { refreshToken } = await app.tokens('alice');
    const before = await app.store.headPosition();
    const revoked = await revoke({
      token: refreshToken,
      token_type_hint: 'refresh_token',
      client_id: 'account-console',
    }).expect(200);
    expect(revoked.headers['cache-control']).toBe('no-store');
    expect(
      (await app.allEvents()).filter((e) => e.type === 'SessionEnded').map((e) => e.data),
    ).toEqual([expect.objectContaining({ reason: 'revoked' })]);
    await app.http().post('/auth/refresh').send({ refreshToken }).expect(401);
    const after = await app.store.headPosition();
    expect(after).toBeGreaterThan(before);
    // Again, and an invented token: 200, nothing written (§2.2).
    await revoke({ token: refreshToken, client_id: 'account-console' }).expect(200);
    await revoke({
      token: '00000000-0000-4000-8000-000000000000.guess',
      client_id: 'account-console',
    }).expect(200);
    expect(await app.store.headPosition()).toBe(after);
  });

  it('answers RFC 6749 errors: unknown client 401, missing token 400, access tokens unsupported', async () => {
    const { refreshToken, accessToken } = await app.tokens('alice');
    const before = await app.store.headPosition();
    const unknown = await revoke({
      token: refreshToken,
      client_id: 'someone',
    }).expect(401);
    expect(unknown.body).toEqual({
      error: 'invalid_client',
      error_description: 'Client authentication failed',
    });
    expect((await revoke({ token: refreshToken }).expect(401)).body.error).toBe('invalid_client');
    expect((await revoke({ client_id: 'account-console' }).expect(400)).body.error).toBe(
      'invalid_request',
    );
    expect(
      (
        await app
          .http()
          .post('/oauth/revoke')
          .type('form')
          .send('client_id=account-console&token=a&token=b')
          .expect(400)
      ).body.error,
    ).toBe('invalid_request');
    expect(
      (
        await revoke({
          token: accessToken,
          client_id: 'account-console',
        }).expect(400)
      ).body.error,
    ).toBe('unsupported_token_type');
    expect(await app.store.headPosition()).toBe(before);
    await app.http().post('/auth/refresh').send({ refreshToken }).expect(200);
  });

  it('publishes RFC 8414 metadata whose issuer is the iss of its tokens', async () => {
    const metadata = (await app.http().get('/.well-known/oauth-authorization-server').expect(200))
      .body;
    const { accessToken } = await app.tokens('alice');
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
    expect(metadata).toMatchObject({
      issuer: claims.iss,
      jwks_uri: `${claims.iss}/.well-known/jwks.json`,
      revocation_endpoint: `${claims.iss}/oauth/revoke`,
      access_token_signing_alg_values_supported: ['EdDSA'],
    });
  });
});

describe('openid-client 6 revokes a refresh token at a running auth-service', () => {
  let app: AuthTestApp;
  let issuerUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    issuerUrl = `http://127.0.0.1:${port}`;
    app = await AuthTestApp.start({ PUBLIC_URL: issuerUrl });
    await app.t.app.listen(port, '127.0.0.1');
    await app.activeAccount(await app.organization(), 'alice');
  });
  afterAll(() => app.close());

  it('discovers the revocation endpoint and ends the session', async () => {
    const { refreshToken } = await app.tokens('alice');
    const script = join(
      __dirname,
      '..',
      '..',
      '..',
      '..',
      'tools',
      'oauth-clients',
      'openid-client-revoke.mjs',
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [script, issuerUrl, refreshToken],
      { timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      revocation_endpoint: `${issuerUrl}/oauth/revoke`,
      revoked: true,
    });
    await app.http().post('/auth/refresh').send({ refreshToken }).expect(401);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
