import { ApiCredentialGeneratedData, CredentialsEventSchemaVersions } from '@accounts/contracts';
import { TOKEN_ISSUER, type TokenIssuer } from '@accounts/security';
import { toNewEvent } from '@accounts/event-sourcing';
import { AuthTestApp, expectStatus, STRONG_PASSWORD, totpAt } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36';

describe('security notices over HTTP, delivered by the notices reactor through a real SMTP server', () => {
  let app: AuthTestApp;
  let mailbox: TestMailbox;
  let orgId: string;

  beforeAll(async () => {
    mailbox = await TestMailbox.start();
    app = await AuthTestApp.start({ TRUST_PROXY: 'loopback' }, mailbox.notifierEnv);
    orgId = await app.organization();
  });
  afterAll(async () => {
    await app.close();
    await mailbox.close();
  });

  const loginFrom = (userName: string, ip: string, userAgent: string, password = STRONG_PASSWORD) =>
    app
      .http()
      .post('/auth/login')
      .set('X-Forwarded-For', ip)
      .set('User-Agent', userAgent)
      .send({ userName, password });
  const subjects = (to: string) => mailbox.mails(to).map((m) => m.subject);
  /** Notices go out in store order: once `subject` arrived, every earlier notice was decided. */
  const changePassword = async (bearer: Record<string, string>, from: string, to: string) =>
    expectStatus(
      await app
        .http()
        .put('/auth/me/password')
        .set(bearer)
        .send({ currentPassword: from, newPassword: to, repeatPassword: to }),
      200,
    );

  it('tells of a sign-in from a computer not seen before, with time, address and browser; not of a known one', async () => {
    const user = await app.activeAccount(orgId, 'nora');
    expectStatus(
      await loginFrom('nora', '192.0.2.10', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0'),
      200,
    );
    expectStatus(await loginFrom('nora', '203.0.113.9', CHROME_ON_WINDOWS), 200);
    const mail = await mailbox.waitFor(user.email, 'New sign-in to your account');
    expect(mail.text).toContain('IP address: 203.0.113.9');
    expect(mail.text).toContain('Browser: Chrome on Windows');
    expect(mail.text).toMatch(/When: .* UTC/);
    const known = await loginFrom('nora', '203.0.113.9', CHROME_ON_WINDOWS);
    expectStatus(known, 200);
    const bearer = { Authorization: `Bearer ${known.body.accessToken}` };
    await changePassword(bearer, STRONG_PASSWORD, 'a second long password 2');
    await mailbox.waitFor(user.email, 'Your password was changed');
    expect(subjects(user.email).filter((s) => s === 'New sign-in to your account')).toHaveLength(1);
  });

  it('lists the notices; the optional one can be turned off, a critical one cannot', async () => {
    const user = await app.activeAccount(orgId, 'olga');
    const { bearer } = await app.tokens('olga');
    const listed = await app.http().get('/auth/me/notices').set(bearer);
    expectStatus(listed, 200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          notice: 'new-sign-in',
          critical: false,
          enabled: true,
        }),
        expect.objectContaining({
          notice: 'password-changed',
          critical: true,
          enabled: true,
        }),
        expect.objectContaining({
          notice: 'recovery-code-used',
          critical: true,
          enabled: true,
        }),
      ]),
    );
    const off = await app
      .http()
      .put('/auth/me/notices/new-sign-in')
      .set(bearer)
      .send({ enabled: false });
    expectStatus(off, 200);
    expect(off.body).toEqual({ notice: 'new-sign-in', enabled: false });
    expect((await app.http().get('/auth/me/notices').set(bearer)).body.items).toContainEqual(
      expect.objectContaining({ notice: 'new-sign-in', enabled: false }),
    );

    const before = await app.store.headPosition();
    const critical = await app
      .http()
      .put('/auth/me/notices/password-changed')
      .set(bearer)
      .send({ enabled: false });
    expectStatus(critical, 400);
    expect(critical.body).toEqual(
      expect.objectContaining({
        code: 'AUTH-notice-critical',
        details: { field: 'enabled' },
      }),
    );
    const unknown = await app
      .http()
      .put('/auth/me/notices/weather')
      .set(bearer)
      .send({ enabled: false });
    expectStatus(unknown, 400);
    expect(unknown.body.details.field).toBe('notice');
    const notBoolean = await app
      .http()
      .put('/auth/me/notices/new-sign-in')
      .set(bearer)
      .send({ enabled: 'no' });
    expectStatus(notBoolean, 400);
    expect(notBoolean.body.message).toMatch(/^enabled: /);
    expect(await app.store.headPosition()).toBe(before);

    // Turned off: a new computer sends nothing, while the critical notice after it still arrives.
    expectStatus(await loginFrom('olga', '203.0.113.77', CHROME_ON_WINDOWS), 200);
    await changePassword(bearer, STRONG_PASSWORD, 'a second long password 2');
    await mailbox.waitFor(user.email, 'Your password was changed');
    expect(subjects(user.email)).not.toContain('New sign-in to your account');
  });

  it('refuses the notice settings without a token (401) and to an API token (403)', async () => {
    const user = await app.activeAccount(orgId, 'pia');
    expectStatus(await app.http().get('/auth/me/notices'), 401);
    expectStatus(
      await app.http().put('/auth/me/notices/new-sign-in').send({ enabled: false }),
      401,
    );
    const api = await app.t.app.get<TokenIssuer>(TOKEN_ISSUER).issue({
      kind: 'api',
      accountId: user.accountId,
      orgId,
      accountType: 'standard',
      sessionId: 'credential-1',
      amr: [],
      authTime: Math.floor(Date.now() / 1000),
    });
    const apiBearer = { Authorization: `Bearer ${api.accessToken}` };
    expectStatus(await app.http().get('/auth/me/notices').set(apiBearer), 403);
    expectStatus(
      await app.http().put('/auth/me/notices/new-sign-in').set(apiBearer).send({ enabled: false }),
      403,
    );
  });

  it('tells of an administrator reset with the reason, a method change and a new API credential', async () => {
    const admin = await app.activeAccount(orgId, 'adam', {
      accountType: 'administrator',
    });
    await app.addAdministrator(orgId, admin.accountId);
    const user = await app.activeAccount(orgId, 'uma');
    const { bearer } = await app.tokens('uma');
    const chosen = await app
      .http()
      .put('/auth/me/method')
      .set(bearer)
      .send({ method: 'authenticator' });
    const code = await totpAt(chosen.body.enrollment.secret, Date.now());
    expectStatus(
      await app.http().post('/auth/me/authenticator/confirm').set(bearer).send({ code }),
      200,
    );
    const adminBearer = (await app.tokens('adam')).bearer;
    expectStatus(
      await app
        .http()
        .post(`/auth/accounts/${user.accountId}/authenticator/reset`)
        .set(adminBearer)
        .send({ reason: 'phone fell in the lake' }),
      204,
    );
    await mailbox.waitFor(user.email, 'Your sign-in method changed');
    const reset = await mailbox.waitFor(user.email, 'Your authenticator was reset');
    expect(reset.text).toContain('Reason given: phone fell in the lake');

    const data: ApiCredentialGeneratedData = {
      accountId: user.accountId,
      credentialId: 'cred-1',
      clientId: 'aci_build_bot',
      name: 'build bot',
      expiresAt: null,
      secretHash: 'hmac-sha256:xyz',
    };
    const metadata = {
      correlationId: 'c-1',
      causationId: 'c-1',
      actor: { kind: 'user' as const, accountId: user.accountId },
    };
    await app.store.append(`apicredentials-${user.accountId}`, [
      toNewEvent(
        { type: 'ApiCredentialGenerated', data },
        metadata,
        CredentialsEventSchemaVersions,
      ),
    ]);
    expect((await mailbox.waitFor(user.email, 'A new API credential')).text).toContain('build bot');
  });

  it('sends each notice with a stable Message-ID derived from its event', async () => {
    const user = await app.activeAccount(orgId, 'mia');
    const { bearer } = await app.tokens('mia');
    await changePassword(bearer, STRONG_PASSWORD, 'a second long password 2');
    const mail = await mailbox.waitFor(user.email, 'Your password was changed');
    const changed = (await app.allEvents()).filter(
      (e) =>
        e.type === 'PasswordChanged' &&
        (e.data as { accountId: string }).accountId === user.accountId,
    );
    expect(mail.messageId).toBe(`<notice-${changed[0].eventId}@example.com>`);
  });
});
