import { NotifierConfigError } from '@accounts/notifications';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from '../app/auth.module';
import { AuthTestApp, expectStatus, type SeededAccount } from '../testing/auth-test-app';

/** Every folder and file under `dir` with its permission bits, e.g. `keys/ 700`. */
function modesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    const mode = (statSync(path).mode & 0o777).toString(8);
    return entry.isDirectory()
      ? [`${prefix}${entry.name}/ ${mode}`, ...modesUnder(path, `${prefix}${entry.name}/`)]
      : [`${prefix}${entry.name} ${mode}`];
  });
}

describe('auth-service transport and storage hardening', () => {
  let parent: string;
  let dataDir: string;
  let app: AuthTestApp;
  let orgId: string;
  let user: SeededAccount;
  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'auth-hardening-'));
    dataDir = join(parent, 'data');
    app = await AuthTestApp.start({ DATA_DIR: dataDir });
    orgId = await app.organization();
    user = await app.activeAccount(orgId, 'tina');
  });
  afterAll(async () => {
    await app.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('answers every token answer with Cache-Control: no-store and nosniff', async () => {
    const login = await app.login('tina');
    expectStatus(login, 200);
    const bearer = { Authorization: `Bearer ${login.body.accessToken}` };
    const refresh = await app
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: login.body.refreshToken });
    expectStatus(refresh, 200);
    // Switching to an authenticator answers with the TOTP secret.
    const method = await app
      .http()
      .put('/auth/me/method')
      .set(bearer)
      .send({ method: 'authenticator' });
    expectStatus(method, 200);
    expect(method.body.enrollment.secret).toEqual(expect.any(String));
    for (const res of [login, refresh, method]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers a challenge answer with no-store too', async () => {
    const emailUser = await app.activeAccount(orgId, 'tom');
    const { bearer } = await app.tokens('tom');
    expectStatus(await app.http().post('/auth/me/verification/email').set(bearer), 200);
    const verification = await app.codeSentTo(emailUser.email);
    expectStatus(
      await app
        .http()
        .post('/auth/me/verification/email/confirm')
        .set(bearer)
        .send({ code: verification }),
      200,
    );
    expectStatus(
      await app.http().put('/auth/me/method').set(bearer).send({ method: 'email' }),
      200,
    );
    const challenge = await app.login('tom');
    const passed = await app
      .http()
      .post(`/auth/login/${challenge.body.challengeId}`)
      .send({ code: await app.codeSentTo(emailUser.email) });
    expectStatus(passed, 200);
    expect(passed.body.accessToken).toEqual(expect.any(String));
    expect(passed.headers['cache-control']).toBe('no-store');
  });

  it('keeps the public keys cacheable', async () => {
    const res = await app.http().get('/.well-known/jwks.json');
    expectStatus(res, 200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it('creates the data folder 0700 and every file in it 0600 (hashes, keys, outbox, read models)', async () => {
    await app.codeSentTo(user.email).catch(() => undefined);
    const modes = [`data/ ${(statSync(dataDir).mode & 0o777).toString(8)}`, ...modesUnder(dataDir)];
    expect(modes).toEqual(
      expect.arrayContaining([
        'data/ 700',
        // The events file exists only on the embedded store (the PostgreSQL pass keeps events in the server).
        ...(process.env['TEST_EVENTSTORE_POSTGRES_URL'] ? [] : ['events.sqlite 600']),
        'keys/ 700',
        // outbox/ appears with the first mail (sent by the notices reactor, later): the line below checks it then.
      ]),
    );
    expect(modes.filter((line) => !/ (700|600)$/.test(line))).toEqual([]);
  });

  it('refuses to start in production with the dev outbox, so GET /dev/outbox is never served there', () => {
    expect(() => AuthModule.forRoot({ notifierEnv: { NODE_ENV: 'production' } })).toThrow(
      NotifierConfigError,
    );
    expect(() =>
      AuthModule.forRoot({
        notifierEnv: { EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:2113' },
      }),
    ).toThrow(/NOTIFIER_EMAIL: outbox is for development only/);
  });
});
