import { SigningKeyRing, TokenIssuer } from '@accounts/security';
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { CredentialsTestApp } from '../testing/credentials-test-app';

const TOOLS = join(__dirname, '..', '..', '..', '..', 'tools', 'oauth-clients');
const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * credentials-service listening on a real port, its issuer the PUBLIC_URL, trusting what the
 * issuers of the machine publish in the data folder (the embedded default): a stand-in auth-service
 * ring is written there, as auth-service would, to sign the person's token that generates the credential.
 */
describe('standard clients against a running credentials-service', () => {
  let h: CredentialsTestApp;
  let issuerUrl: string;
  let person: TokenIssuer;
  let credential: { clientId: string; secret: string };

  beforeAll(async () => {
    const port = await freePort();
    issuerUrl = `http://127.0.0.1:${port}`;
    h = await CredentialsTestApp.start(undefined, { PUBLIC_URL: issuerUrl });
    await h.t.app.listen(port, '127.0.0.1');
    const ring = await SigningKeyRing.generate();
    writeFileSync(
      join(h.t.dataDir, 'keys', 'auth-service.jwks.json'),
      JSON.stringify({ issuer: 'http://auth.test', ...ring.publicJwks() }),
    );
    person = new TokenIssuer(ring, 'http://auth.test', 'accounts');
    await h.registerAccount('ann', 'org-1');
    const bearer = await personToken();
    credential = (
      await h.http
        .post('/api-credentials')
        .set('Authorization', `Bearer ${bearer}`)
        .send({ scopes: ['profile:read', 'profile:write'] })
        .expect(201)
    ).body;
  });
  afterAll(() => h.close());

  async function personToken(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return (
      await person.issue({
        kind: 'user',
        accountId: 'ann',
        orgId: 'org-1',
        accountType: 'standard',
        sessionId: 's-1',
        amr: ['pwd'],
        authTime: now,
      })
    ).accessToken;
  }

  async function token(scope?: string): Promise<string> {
    const form: Record<string, string> = {
      grant_type: 'client_credentials',
      client_id: credential.clientId,
      client_secret: credential.secret,
    };
    if (scope) form['scope'] = scope;
    return (await h.http.post('/oauth/token').type('form').send(form).expect(200)).body
      .access_token;
  }

  it('openid-client 6: discovery, client_secret_post and client_secret_basic, scope, invalid_scope, introspection', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        join(TOOLS, 'openid-client-check.mjs'),
        issuerUrl,
        credential.clientId,
        credential.secret,
        await personToken(),
      ],
      {
        timeout: 30_000,
      },
    );
    const result = JSON.parse(stdout);
    expect(result.metadata).toMatchObject({
      issuer: issuerUrl,
      token_endpoint: `${issuerUrl}/oauth/token`,
      introspection_endpoint: `${issuerUrl}/oauth/introspect`,
      jwks_uri: `${issuerUrl}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: [
        'profile:read',
        'profile:write',
        'accounts:read',
        'accounts:write',
        'audit:read',
      ],
    });
    expect(result.post).toMatchObject({
      token_type: 'bearer',
      scope: 'profile:read profile:write',
      expires_in: 300,
    });
    expect(result.basic.scope).toBe('profile:read');
    expect(result.invalidScope).toMatchObject({
      error: 'invalid_scope',
      status: 400,
    });
    expect(result.introspectOwn).toMatchObject({
      active: true,
      iss: issuerUrl,
      sub: 'ann',
      client_id: credential.clientId,
      scope: 'profile:read profile:write',
      kind: 'api',
      aud: 'accounts',
    });
    expect(result.introspectForeign).toMatchObject({
      active: true,
      iss: 'http://auth.test',
      sub: 'ann',
      kind: 'user',
    });
  });

  it("jose: a resource server verifies the token with the JWKS found through the issuer's metadata (RFC 9068 claims)", async () => {
    const response = await fetch(`${issuerUrl}/.well-known/oauth-authorization-server`);
    const metadata = (await response.json()) as { issuer: string; jwks_uri: string };
    const { payload, protectedHeader } = await jwtVerify(
      await token(),
      createRemoteJWKSet(new URL(metadata.jwks_uri)),
      {
        issuer: metadata.issuer,
        audience: 'accounts',
        typ: 'at+jwt',
        algorithms: ['EdDSA'],
      },
    );
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      iss: issuerUrl,
      sub: 'ann',
      aud: 'accounts',
      client_id: credential.clientId,
      scope: 'profile:read profile:write',
    });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(typeof payload.jti).toBe('string');
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  (python ? describe : describe.skip)(
    `a Python resource server (PyJWT, by discovery)${python ? '' : ': skipped, python3 is not installed'}`,
    () => {
      let server: ChildProcess;
      let base: string;

      beforeAll(async () => {
        const venv = join(homedir(), '.cache', 'accounts-pyjwt');
        const py = join(venv, 'bin', 'python');
        if (!existsSync(py) || spawnSync(py, ['-c', 'import jwt, cryptography']).status !== 0) {
          await run('python3', ['-m', 'venv', venv], { timeout: 60_000 });
          await run(join(venv, 'bin', 'pip'), ['install', '--quiet', 'PyJWT[crypto]==2.10.1'], {
            timeout: 120_000,
          });
        }
        const port = await freePort();
        base = `http://127.0.0.1:${port}`;
        server = spawn(py, [join(TOOLS, 'resource_server.py'), issuerUrl, String(port)], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        await new Promise<void>((resolve, reject) => {
          let errors = '';
          server.stderr?.on('data', (chunk) => (errors += String(chunk)));
          server.stdout?.on('data', (chunk) => String(chunk).includes('ready') && resolve());
          server.on('exit', (code) =>
            reject(new Error(`resource server exited ${code}: ${errors}`)),
          );
        });
      }, 200_000);
      afterAll(() => server?.kill());

      const whoami = async (bearer: string) => {
        const response = await fetch(`${base}/whoami`, {
          headers: { Authorization: `Bearer ${bearer}` },
        });
        return { status: response.status, body: await response.json() };
      };

      it('accepts our token, refuses one without the scope, a tampered one and one from an issuer it does not know', async () => {
        expect(await whoami(await token())).toEqual({
          status: 200,
          body: {
            sub: 'ann',
            client_id: credential.clientId,
            scope: 'profile:read profile:write',
          },
        });
        expect((await whoami(await token('profile:write'))).status).toBe(403);
        const good = await token();
        const [header, payload, signature] = good.split('.');
        const forgedPayload = Buffer.from(
          JSON.stringify({
            ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
            sub: 'eve',
          }),
        ).toString('base64url');
        expect((await whoami(`${header}.${forgedPayload}.${signature}`)).status).toBe(401);
        expect((await whoami(await personToken())).status).toBe(401);
      });
    },
  );
});
