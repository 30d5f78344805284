import {
  type AccountActivationReissued,
  type AccountRegistered,
  ProfileEventSchemaVersions,
} from '@accounts/contracts';
import { toNewEvent } from '@accounts/event-sourcing';
import { activationLinkToken } from '@accounts/security';
import { randomUUID } from 'node:crypto';
import { ACTIVATION_LINK_KEY } from '../notices/notices.reactor';
import { AuthTestApp, expectStatus, STRONG_PASSWORD } from '../testing/auth-test-app';
import { TestMailbox } from '../testing/test-mailbox';

describe('activation email, sent by the notices reactor from AccountRegistered through a real SMTP server', () => {
  let app: AuthTestApp;
  let mailbox: TestMailbox;
  let orgId: string;

  beforeAll(async () => {
    mailbox = await TestMailbox.start();
    app = await AuthTestApp.start({}, mailbox.notifierEnv);
    orgId = await app.organization();
  });
  afterAll(async () => {
    await app.close();
    await mailbox.close();
  });

  /** AccountRegistered as profile-service writes it (token derived from the shared key, only its hash stored); not waited for. */
  async function register(
    userName: string,
    timeZone = 'Europe/Paris',
    expiresAt = new Date(Date.now() + 72 * 3600_000),
  ) {
    const accountId = randomUUID();
    const linkId = randomUUID();
    const { token, sha256 } = activationLinkToken(
      app.t.app.get<Buffer>(ACTIVATION_LINK_KEY),
      accountId,
      linkId,
    );
    const registered = {
      type: 'AccountRegistered',
      data: {
        accountId,
        orgId,
        userName,
        firstName: 'New',
        lastName: 'Person',
        email: `${userName}@example.com`,
        mobilePhone: null,
        timeZone,
        sessionTimeout: '30m',
        accountType: 'standard',
        groupRestriction: { kind: 'all' },
        activation: {
          tokenSha256: sha256,
          expiresAt: expiresAt.toISOString(),
          linkId,
        },
      },
    } as AccountRegistered;
    const metadata = {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { kind: 'admin' as const, accountId: 'admin-1' },
    };
    await app.store.append(`account-${accountId}`, [
      toNewEvent(registered, metadata, ProfileEventSchemaVersions),
    ]);
    return { accountId, token, email: `${userName}@example.com` };
  }

  it('emails the link with its expiry in the account time zone; the token is in no event and no log line', async () => {
    const { token, email } = await register(
      'anna',
      'Europe/Paris',
      new Date('2099-03-04T05:06:00.000Z'),
    );
    const mail = await mailbox.waitFor(email, 'Activate your account');
    expect(mail.text).toContain(`http://localhost:3000/activate?token=${token}`);
    expect(mail.text).toContain('until Wed, 4 Mar 2099, 06:06 Europe/Paris');
    expect(JSON.stringify(await app.allEvents())).not.toContain(token);
    expect(app.logText()).not.toContain(token);
    expectStatus(
      await app.http().post('/auth/activate').send({ token, password: STRONG_PASSWORD }),
      200,
    );
  });

  it('activates right after the account was created, before the read model caught up', async () => {
    const { token } = await register('ben');
    const activated = await app
      .http()
      .post('/auth/activate')
      .send({ token, password: STRONG_PASSWORD });
    expectStatus(activated, 200);
  });

  it('says plainly that a link expired, and sends no email for an expired one', async () => {
    const { token, email } = await register('cleo', 'UTC', new Date(Date.now() + 300));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const expired = await app
      .http()
      .post('/auth/activate')
      .send({ token, password: STRONG_PASSWORD });
    expectStatus(expired, 401);
    expect(expired.body.message).toBe(
      'This activation link has expired: ask your administrator for a new one',
    );
    const later = await register('dora');
    await mailbox.waitFor(later.email, 'Activate your account');
    expect(
      mailbox.mails(email).filter((m) => m.subject === 'Activate your account').length,
    ).toBeLessThanOrEqual(1);
  });

  it('a new link from an administrator replaces the old one, which stops working; only the new one is emailed', async () => {
    const { accountId, token: old, email } = await register('fritz', 'UTC');
    await mailbox.waitFor(email, 'Activate your account');
    const linkId = randomUUID();
    const fresh = activationLinkToken(
      app.t.app.get<Buffer>(ACTIVATION_LINK_KEY),
      accountId,
      linkId,
    );
    const reissued: AccountActivationReissued = {
      type: 'AccountActivationReissued',
      data: {
        accountId,
        activation: {
          tokenSha256: fresh.sha256,
          expiresAt: new Date(Date.now() + 72 * 3600_000).toISOString(),
          linkId,
        },
      },
    };
    const metadata = {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { kind: 'admin' as const, accountId: 'admin-1' },
    };
    await app.store.append(`account-${accountId}`, [
      toNewEvent(reissued, metadata, ProfileEventSchemaVersions),
    ]);
    await app.caughtUp();
    const until = Date.now() + 5000;
    while (!mailbox.mails(email).some((m) => m.text.includes(fresh.token)) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 25));
    expect(mailbox.mails(email).map((m) => m.text.includes(fresh.token))).toEqual([false, true]);
    const refused = await app
      .http()
      .post('/auth/activate')
      .send({ token: old, password: STRONG_PASSWORD });
    expectStatus(refused, 401);
    expect(refused.body.code).toBe('AUTH-activation-token-invalid');
    expectStatus(
      await app
        .http()
        .post('/auth/activate')
        .send({ token: fresh.token, password: STRONG_PASSWORD }),
      200,
    );
  });

  it('refuses an unknown token (401), and a used one says so', async () => {
    const unknown = await app
      .http()
      .post('/auth/activate')
      .send({ token: 'z'.repeat(43), password: STRONG_PASSWORD });
    expectStatus(unknown, 401);
    expect(unknown.body.code).toBe('AUTH-activation-token-invalid');
    const { token } = await register('emil');
    expectStatus(
      await app.http().post('/auth/activate').send({ token, password: STRONG_PASSWORD }),
      200,
    );
    const again = await app
      .http()
      .post('/auth/activate')
      .send({ token, password: STRONG_PASSWORD });
    expectStatus(again, 401);
    expect(again.body.code).toBe('AUTH-activation-token-used');
  });
});
